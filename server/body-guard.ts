import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { type Duplex, Transform, type TransformCallback } from "node:stream";
import { AppError, errorPayload } from "@/lib/errors";
import { bodyTooLarge } from "@/lib/http/body";
import { newRequestId } from "@/lib/ids";
import { logger } from "@/lib/logger";

// What the production server (server/main.ts) takes from a client, bounded in time and size.
// Time: every request — an API-key call too — must arrive whole, headers and body, within the
// body timeout (Node's own requestTimeout), else a 408 and its connection is closed; only the
// request is timed, so a reply may stream as long as it runs. Size: a body passed on to Next.js
// is held to its route's limit (lib/http/body-limits.ts) before Next reads a byte — a declared
// length over it is refused at once, a chunked body as soon as its count passes it, with its
// request to Next aborted. The routes the gateway answers itself count their own bodies
// (server/node-adapter.ts).

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error the gateway answers itself, logged: on /api paths in the UI's JSON shape with a request
 * id (as the routes' own answers have one), plain text elsewhere.
 */
function errorAnswer(url: string | undefined, error: AppError, text: string): Answer {
  const path = url?.split("?")[0];
  if (!path?.startsWith("/api/")) {
    logger.warn({ path, code: error.code }, error.message);
    return { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" }, body: text };
  }
  const requestId = newRequestId();
  logger.warn({ requestId, path, code: error.code }, error.message);
  const { status, body } = errorPayload(error, "json");
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify(body),
  };
}

/**
 * A 413 while the body is still arriving: sent at once, but ended only once the rest has been read
 * and dropped. Ended at once, the connection of a client that sent `Connection: close` would close
 * on unread bytes, and the reset that follows can destroy the answer before the client reads it (a
 * lingering close). A body that never ends is the body timeout's to cut.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const { status, headers, body } = errorAnswer(req.url, bodyTooLarge(limit), "Payload too large");
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  endAfterBody(req, res, body);
}

/**
 * Ends an answer written while the request's body may still be arriving (a refusal sent before
 * the body was read): at once if it is all in, else once the rest has been read and dropped.
 */
export function endAfterBody(req: IncomingMessage, res: ServerResponse, body: string | undefined): void {
  if (req.complete) {
    res.end(body);
    return;
  }
  if (body) res.write(body);
  req.once("end", () => res.end());
  req.resume();
}

/**
 * A declared Content-Length over the limit: a 413 at once, nothing forwarded; the body is read and
 * dropped, so the connection serves the client's next request.
 */
export function refuseDeclaredLength(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  if (!(Number(req.headers["content-length"]) > limit)) return false;
  refuseBody(req, res, limit);
  return true;
}

/** A body on its way to Next, counted: nothing past the limit is passed on, and `refused` aborts. */
export class CountedBody extends Transform {
  readonly #refusal = new AbortController();
  readonly #limit: number;
  readonly #onRefused: () => void;
  #size = 0;

  constructor(limit: number, onRefused: () => void) {
    super();
    this.#limit = limit;
    this.#onRefused = onRefused;
  }

  /** Aborts when the body passes its limit: the request that carries it must end too. */
  get refused(): AbortSignal {
    return this.#refusal.signal;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.byteLength;
    if (this.#size <= this.#limit) {
      callback(null, chunk);
      return;
    }
    callback();
    if (this.#refusal.signal.aborted) return;
    this.#onRefused();
    this.#refusal.abort();
  }
}

/**
 * What to send Next in place of `req` when the body's length is not declared (chunked); undefined
 * when it is (Node's parser holds a body to its Content-Length) or there is no body. Past the
 * limit the client gets its 413 — unless Next has begun answering, when only closing is left —
 * and what it still sends is read and dropped, so its connection stays usable.
 */
export function countBody(req: IncomingMessage, res: ServerResponse, limit: number): CountedBody | undefined {
  if (req.headers["transfer-encoding"] === undefined) return undefined;
  const body = new CountedBody(limit, () => {
    req.unpipe(body);
    if (res.headersSent) res.destroy();
    else refuseBody(req, res, limit);
  });
  req.pipe(body);
  return body;
}

// Node's own answers to a client's errors (node:_http_server), but for a 408 that says why — in
// the JSON shape on /api paths, where a client reads its errors as JSON.
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

/**
 * Answers a client error on `socket` and closes it. `res` is the answer last begun there. As Node
 * does, an error answer goes out only if no answer to the request at fault has begun; unlike Node,
 * none follows an answer already given to a request whose body is still arriving (read and
 * dropped after a 413, or after Next answered early): the client has its answer.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  res: ServerResponse | undefined,
): void {
  // Done, with its request read whole: the error is a later request's, whose headers are not in.
  const current = res && !(res.writableFinished && res.req.complete) ? res : undefined;
  if (!socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ""] ?? "400 Bad Request";
  let head = `HTTP/1.1 ${status}\r\nConnection: close\r\n`;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const answer = errorAnswer(current?.req.url, new AppError("request_timeout"), "Request timeout");
    for (const [name, value] of Object.entries(answer.headers)) head += `${name}: ${value}\r\n`;
    head += `content-length: ${Buffer.byteLength(answer.body)}\r\n\r\n${answer.body}`;
  } else head += "\r\n";
  socket.end(head, () => socket.destroy());
}

/**
 * An HTTP server whose clients must send each request whole, headers and body, within
 * `bodyTimeoutMs` (checked ten times a timeout, at most once a second): past it, a 408 and the
 * connection is closed. The answer is not timed, and an idle kept-alive connection is Node's
 * keep-alive timeout's to close.
 */
export function guardedServer(
  { bodyTimeoutMs }: { bodyTimeoutMs: number },
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): http.Server {
  const answering = new WeakMap<Duplex, ServerResponse>();
  const server = http.createServer(
    {
      requestTimeout: bodyTimeoutMs,
      headersTimeout: bodyTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(bodyTimeoutMs / 10)),
    },
    (req, res) => {
      answering.set(req.socket, res);
      handler(req, res);
    },
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, answering.get(socket)),
  );
  return server;
}
