// The Kimi simulator as a standalone HTTP upstream, for benchmarks and provider tests:
//   npm run simulator -- --port 4010 [--host H] [--latency-ms L] [--chunk-interval-ms C] [--fail-rate F] [--name N]
// Also importable: startSimulatorServer() runs the same server in-process.

import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isRecord } from "../lib/is-record";
import { MAX_JSON_DEPTH } from "../lib/json-depth";
import { type SimulatorRequest, simulateChatCompletion, simulatorError } from "../lib/providers/simulator";
import { parseJsonSafe } from "../lib/wire/json";

export interface SimulatorServerOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
  chunkIntervalMs?: number;
  failRate?: number;
  name?: string;
}

export interface SimulatorServer {
  url: string;
  close(): Promise<void>;
  /** Chat-completion requests received. */
  readonly requests: number;
  /** Of those, the ones whose client went away before the response finished. */
  readonly aborted: number;
  /** The counters, also served as JSON by `GET /stats`. */
  stats(): SimulatorStats;
}

export interface RequestCounts {
  requests: number;
  aborted: number;
}

/**
 * What `GET /stats` answers. `byUser` counts requests by their OpenAI `user` field (which the
 * gateway forwards), so a test running beside others can find its own request among them.
 */
export interface SimulatorStats extends RequestCounts {
  byUser: Record<string, RequestCounts>;
}

// Enough to tell a test's requests apart without growing forever in a long benchmark run.
const MAX_TRACKED_USERS = 1_000;

const MAX_BODY_BYTES = 8 * 1024 * 1024;

// The upstream ids the gateway's catalog routes to (Moonshot and AI/ML API spellings); the simulator
// answers for any id, this list only serves clients that discover models first.
const MODEL_IDS = [
  "kimi-k2-0905-preview",
  "kimi-k2-0711-preview",
  "kimi-k2-turbo-preview",
  "kimi-k2-thinking",
  "kimi-k2-thinking-turbo",
  "kimi-k2.6",
  "moonshot/kimi-k2-preview",
  "moonshot/kimi-k2-turbo-preview",
  "moonshot/kimi-k2-6",
];

/** Just enough shape checking that the simulator never trips over a malformed body. */
function isChatRequest(value: unknown): value is SimulatorRequest {
  if (!isRecord(value) || typeof value.model !== "string" || !Array.isArray(value.messages)) return false;
  const messagesOk = value.messages.every(
    (m) =>
      isRecord(m) &&
      typeof m.role === "string" &&
      (m.content == null ||
        typeof m.content === "string" ||
        (Array.isArray(m.content) && m.content.every(isRecord))),
  );
  const toolsOk =
    value.tools === undefined ||
    (Array.isArray(value.tools) &&
      value.tools.every((t) => isRecord(t) && isRecord(t.function) && typeof t.function.name === "string"));
  return messagesOk && toolsOk;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Streams a web Response to the socket; a stream error cuts the socket like a dropped upstream. */
async function pipeResponse(
  res: ServerResponse,
  response: Response,
  upstream: AbortController,
): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      if (!res.write(part.value)) await once(res, "drain", { signal: upstream.signal });
    }
    res.end();
  } catch (error) {
    // Marked aborted first, so our own cut is not counted as a client disconnect. Ending the socket
    // (not destroying it) delivers what was written, then closes mid-body: a dropped connection.
    upstream.abort(error);
    if (res.socket) res.socket.end();
    else res.destroy();
  }
}

export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const { port = 0, host = "127.0.0.1", ...simulation } = options;
  let requests = 0;
  let aborted = 0;
  const byUser = new Map<string, RequestCounts>();
  const countsFor = (user: string): RequestCounts => {
    let counts = byUser.get(user);
    if (!counts) {
      if (byUser.size >= MAX_TRACKED_USERS) {
        const oldest = byUser.keys().next().value;
        if (oldest !== undefined) byUser.delete(oldest);
      }
      counts = { requests: 0, aborted: 0 };
      byUser.set(user, counts);
    }
    return counts;
  };
  const stats = (): SimulatorStats => ({ requests, aborted, byUser: Object.fromEntries(byUser) });

  const handleChat = async (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    let userCounts: RequestCounts | undefined;
    const upstream = new AbortController();
    res.on("close", () => {
      if (res.writableFinished || upstream.signal.aborted) return;
      aborted += 1;
      if (userCounts) userCounts.aborted += 1;
      upstream.abort();
    });
    if (!/^Bearer \S+/i.test(req.headers.authorization ?? "")) {
      return pipeResponse(res, simulatorError(401, "Invalid Authentication"), upstream);
    }
    const text = await readBody(req);
    if (text === undefined) return pipeResponse(res, simulatorError(413, "request body too large"), upstream);
    // Posing as Kimi, whose limit is not ours: translating an Anthropic request nests its tool
    // schemas one level deeper than the client sent them, so a body at our limit arrives past it.
    const body = parseJsonSafe(text, MAX_JSON_DEPTH + 8);
    if (!isChatRequest(body)) {
      return pipeResponse(
        res,
        simulatorError(400, "invalid request: expected a JSON object with model and messages"),
        upstream,
      );
    }
    if (typeof body.user === "string" && body.user) {
      userCounts = countsFor(body.user);
      userCounts.requests += 1;
    }
    let response: Response;
    try {
      response = await simulateChatCompletion(body, { ...simulation, signal: upstream.signal });
    } catch (error) {
      if (upstream.signal.aborted) return;
      console.error("simulator failed", error);
      response = simulatorError(500, "simulator internal error");
    }
    await pipeResponse(res, response, upstream);
  };

  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://simulator");
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (pathname === "/v1/chat/completions" && req.method === "POST") {
      handleChat(req, res).catch((error: unknown) => {
        console.error("simulator request failed", error);
        res.destroy();
      });
    } else if (pathname === "/v1/models" && req.method === "GET") {
      json(200, {
        object: "list",
        data: MODEL_IDS.map((id) => ({ id, object: "model", created: 0, owned_by: "moonshot" })),
      });
    } else if (pathname === "/health" && req.method === "GET") {
      json(200, { status: "ok" });
    } else if (pathname === "/stats" && req.method === "GET") {
      json(200, stats());
    } else {
      json(404, {
        error: { message: `no route for ${req.method} ${pathname}`, type: "resource_not_found_error" },
      });
    }
  });

  server.listen(port, host);
  await once(server, "listening");
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${boundPort}`,
    get requests() {
      return requests;
    },
    get aborted() {
      return aborted;
    },
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets and hanging requests would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}

function parseCli(argv: string[]): SimulatorServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "latency-ms": { type: "string" },
      "chunk-interval-ms": { type: "string" },
      "fail-rate": { type: "string" },
      name: { type: "string" },
    },
  });
  const number = (flag: string, raw: string | undefined, max = Number.MAX_SAFE_INTEGER) => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > max) {
      throw new Error(`--${flag} must be a number between 0 and ${max}, got "${raw}"`);
    }
    return value;
  };
  return {
    port: number("port", values.port, 65535),
    host: values.host,
    latencyMs: number("latency-ms", values["latency-ms"]),
    chunkIntervalMs: number("chunk-interval-ms", values["chunk-interval-ms"]),
    failRate: number("fail-rate", values["fail-rate"], 1),
    name: values.name,
  };
}

async function main() {
  let options: SimulatorServerOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const server = await startSimulatorServer(options);
  console.log(`simulator listening on ${server.url}`);
  const shutdown = () =>
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
