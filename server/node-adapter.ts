import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AbortSwitch } from "@/lib/abort";
import { AppError } from "@/lib/errors";
import type { ApiRequest, ApiResponse, ApiRoute } from "@/lib/http/api-key";
import { bodyCollector, checkDeclaredLength } from "@/lib/http/body";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { endAfterBody } from "./body-guard";

// Serves the public API's routes (lib/http/api-key.ts) straight from Node's HTTP objects, for the
// gateway process (server/main.ts): no Web Request, Headers or body streams on the way in, the
// JSON answer in one write on the way out. The request body is read as it arrives until the
// route's limit; the signal aborts when the client goes away; an event stream goes out chunk by
// chunk with backpressure, and a client that leaves cancels it (which aborts the upstream call).

export function toApiRequest(req: IncomingMessage, res: ServerResponse): ApiRequest {
  const signal = new AbortSwitch();
  res.once("close", () => {
    if (!res.writableFinished) signal.abort(new Error("client closed the request"));
  });
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    signal,
    readBody: (limit) => readNodeBody(req, limit),
  };
}

/**
 * The body's bytes under the limit, from Node's own events (cheaper than an async iterator over
 * the request). Past the limit it stops keeping what arrives, without destroying
 * the request, so the 413 still reaches a client that is still sending; the answer ends once the
 * rest has been read and dropped (endAfterBody).
 */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  checkDeclaredLength(req.headers["content-length"], limit);
  // Usually the whole body came with the headers and waits in the stream's buffer by now (all its
  // declared bytes, though Node may not have marked the message complete yet): taken at once,
  // with no listeners and no ticks.
  const declared = req.headers["content-length"];
  if (req.complete || (declared !== undefined && req.readableLength === Number(declared))) {
    const body = bodyCollector(limit);
    try {
      for (let chunk = req.read() as Buffer | null; chunk !== null; chunk = req.read() as Buffer | null)
        body.add(chunk);
    } catch (error) {
      req.resume();
      return Promise.reject(error);
    }
    return Promise.resolve(body.bytes());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const body = bodyCollector(limit);
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onCut).off("close", onCut);
    };
    const onData = (chunk: Buffer) => {
      try {
        body.add(chunk);
      } catch (error) {
        done();
        req.resume();
        reject(error);
      }
    };
    const onEnd = () => {
      done();
      resolve(body.bytes());
    };
    // A client that goes away mid-body: nobody will read the answer, and it is no server fault.
    const onCut = () => {
      done();
      reject(new AppError("invalid_request", "The request body was cut off."));
    };
    req.on("data", onData).on("end", onEnd).on("error", onCut).on("close", onCut);
  });
}

async function sendApiResponse(
  req: IncomingMessage,
  res: ServerResponse,
  answer: ApiResponse,
): Promise<void> {
  const body = answer.body;
  if (body === null || typeof body === "string") {
    // One write: status line, headers (writeHead's object form skips setHeader's bookkeeping) and body.
    if (body !== null) answer.headers["Content-Length"] = String(Buffer.byteLength(body));
    res.writeHead(answer.status, answer.headers);
    endAfterBody(req, res, body ?? undefined);
    return;
  }
  res.writeHead(answer.status, answer.headers);
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
    logger.error({ err: error }, "writing an event stream failed");
    res.destroy();
  }
}

/** One request through a route. The wrapper answers every error itself; this guards the rest. */
export async function serveApiRoute(
  route: ApiRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let answer: ApiResponse;
  try {
    answer = await route.serve(toApiRequest(req, res));
  } catch (error) {
    logger.error({ err: error, path: req.url?.split("?")[0] }, "API route failed");
    answer = {
      status: 500,
      headers: { "Content-Type": "application/json", ...API_SECURITY_HEADERS },
      body: JSON.stringify({ error: { code: "internal_error", message: "Internal server error." } }),
    };
  }
  await sendApiResponse(req, res, answer);
}
