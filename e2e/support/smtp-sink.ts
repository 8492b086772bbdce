import { EventEmitter, once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process: the app's nodemailer transport connects to it, logs in,
// and hands over messages, which are kept (decoded) for the test to read. A test awaits a message
// as an event, never by polling or sleeping.

export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The links in the plain-text body. */
  links: string[];
}

export interface SmtpSink {
  /** smtp://user:pass@127.0.0.1:<port>, for the app's SMTP_URL. */
  url: string;
  user: string;
  password: string;
  messages: ReceivedEmail[];
  /** Messages to this address so far. */
  to(address: string): ReceivedEmail[];
  /** The next (or an already received) message matching `match`. */
  next(match: (m: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodePart(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function splitHead(raw: string): [string, string] {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return [raw, ""];
  const sep = raw.slice(at).match(/^\r?\n\r?\n/)?.[0] ?? "\n\n";
  return [raw.slice(0, at), raw.slice(at + sep.length)];
}

function header(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded)?.[1]?.trim() ?? "";
}

/** Enough MIME for what nodemailer writes: a single part or one multipart/alternative. */
export function parseEmail(raw: string, envelope: { from: string; to: string[] }): ReceivedEmail {
  const [head, body] = splitHead(raw);
  let text = "";
  let html = "";
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head.replace(/\r?\n[ \t]+/g, " "))?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      const [partHead, partBody] = splitHead(part.replace(/^\r?\n/, ""));
      const decoded = decodePart(partHead, partBody.replace(/\r?\n$/, ""));
      if (/content-type:\s*text\/html/i.test(partHead)) html = decoded;
      else if (/content-type:\s*text\/plain/i.test(partHead)) text = decoded;
    }
  } else {
    text = decodePart(head, body);
  }
  text = text.replaceAll("\r\n", "\n");
  return {
    from: envelope.from,
    to: envelope.to,
    subject: header(head, "subject"),
    text,
    html,
    links: text.match(/https?:\/\/\S+/g) ?? [],
  };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const user = "mailer";
  const password = `smtp-${Math.random().toString(36).slice(2)}`;
  const messages: ReceivedEmail[] = [];
  const events = new EventEmitter();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const message = parseEmail(Buffer.concat(chunks).toString("utf8"), envelope);
        messages.push(message);
        events.emit("message", message);
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;

  function next(match: (m: ReceivedEmail) => boolean, timeoutMs = 15_000): Promise<ReceivedEmail> {
    const found = messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onMessage = (m: ReceivedEmail) => {
        if (!match(m)) return;
        clearTimeout(timer);
        events.off("message", onMessage);
        resolve(m);
      };
      const timer = setTimeout(() => {
        events.off("message", onMessage);
        reject(new Error(`no matching email within ${timeoutMs} ms (${messages.length} received)`));
      }, timeoutMs);
      events.on("message", onMessage);
    });
  }

  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    user,
    password,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    next,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
