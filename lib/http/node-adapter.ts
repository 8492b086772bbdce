import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, ApiResponse, ApiRoute } from "@/lib/http/api-key";
import { checkDeclaredLength, readBodyBytes } from "@/lib/http/body";
import { logger } from "@/lib/logger";

// Serves the public API's routes (lib/http/api-key.ts) straight from Node's HTTP objects, for the
// gateway process (scripts/server.ts): no Web Request, Headers or body streams on the way in, the
// JSON answer in one write on the way out. The request body is read as it arrives until the
// route's limit; the signal aborts when the client goes away; an event stream goes out chunk by
// chunk with backpressure, and a client that leaves cancels it (which aborts the upstream call).

export function toApiRequest(req: IncomingMessage, res: ServerResponse): ApiRequest {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client closed the request"));
  });
  return {
    method: req.method ?? "GET",
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    signal: controller.signal,
    readBody(limit) {
      checkDeclaredLength(req.headers["content-length"], limit);
      // Past the limit the rest stays unread, not destroyed, so the 413 still reaches the client;
      // Node discards what is left once the response has ended.
      return readBodyBytes(req.iterator({ destroyOnReturn: false }), limit);
    },
  };
}

export async function sendApiResponse(res: ServerResponse, answer: ApiResponse): Promise<void> {
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name] as string);
  const body = answer.body;
  if (body === null || typeof body === "string") {
    res.end(body ?? undefined);
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
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ error: { code: "internal_error", message: "Internal server error." } }),
    };
  }
  await sendApiResponse(res, answer);
}
