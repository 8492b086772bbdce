import type { IncomingMessage, ServerResponse } from "node:http";

// Serves a Web route handler — `(Request) => Response`, what app/**/route.ts exports — straight
// from Node's HTTP server, for the routes scripts/server.ts mounts beside Next.js. The request
// body streams in as it arrives (the handler's own limit decides when to stop reading); its signal
// aborts when the client goes away; a streamed response goes out chunk by chunk with
// backpressure, and a client that leaves cancels it (which aborts the upstream call).

export type WebHandler = (req: Request) => Response | Promise<Response>;

export function toWebRequest(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = {
    method,
    headers,
    signal,
    body: hasBody ? bodyStream(req, res) : null,
  };
  if (hasBody) init.duplex = "half";
  return new Request(`http://${safeHost(req.headers.host)}${req.url ?? "/"}`, init);
}

function safeHost(host: string | undefined): string {
  return host && /^[\w.:[\]-]+$/.test(host) ? host : "localhost";
}

// Node's own stream adapter (Readable.toWeb) costs several times more per request. Past a cancel
// (the handler stopped reading: too large, or done) the rest is left to Node, which discards what
// is still unread once the response ends.
function bodyStream(req: IncomingMessage, res: ServerResponse): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (open) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
      req.on("end", () => {
        if (open) controller.close();
        open = false;
      });
      req.on("error", (error) => {
        if (open) controller.error(error);
        open = false;
      });
      res.on("close", () => {
        if (open && !req.complete) controller.error(new Error("client closed the request"));
        open = false;
      });
    },
    cancel() {
      open = false;
    },
  });
}

/** Writes a Web Response: event streams chunk by chunk, anything else in one write. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  const body = response.body;
  if (!body) {
    res.end();
    return;
  }
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  res.flushHeaders();
  const reader = body.getReader();
  const gone = new Promise<"gone">((resolve) => res.once("close", () => resolve("gone")));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), gone]);
      if (next === "gone") {
        await reader.cancel();
        return;
      }
      if (next.done) break;
      if (!res.write(next.value)) {
        const drained = new Promise<"drained">((resolve) => res.once("drain", () => resolve("drained")));
        if ((await Promise.race([drained, gone])) === "gone") {
          await reader.cancel();
          return;
        }
      }
    }
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** One request through a Web handler. A handler that throws (it should not) answers 500. */
export async function serveWithWebHandler(
  handler: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client closed the request"));
  });
  let response: Response;
  try {
    response = await handler(toWebRequest(req, res, controller.signal));
  } catch {
    response = Response.json(
      { error: { code: "internal_error", message: "Internal server error." } },
      {
        status: 500,
      },
    );
  }
  await sendWebResponse(res, response);
}
