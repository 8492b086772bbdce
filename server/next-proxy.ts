import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import type { Duplex } from "node:stream";
import { createProxyServer } from "http-proxy-3";
import { AppError, errorPayload } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { CountedBody, countBody, refuseDeclaredLength } from "./body-guard";
import { clientHeaders } from "./client-headers";

// The production server's way to Next.js (server/main.ts): everything the gateway process does
// not answer itself is proxied to Next's private port. xfwd: Next sees the public host, as it
// would without this hop; the client's address is ours to tell it (./client-headers.ts).

export interface NextProxy {
  web(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

class NextTimedOut extends Error {
  constructor() {
    super("Next.js did not begin its answer in time");
  }
}

export function nextProxy(
  target: string,
  {
    headersTimeoutMs,
    gatewayToken = randomBytes(32).toString("base64url"),
    bodyLimit,
  }: {
    /** How long Next may take to begin an answer (server/config.ts). */
    headersTimeoutMs: number;
    gatewayToken?: string;
    /** The body limit of the route at a path (lib/http/body-limits.ts); none when not given. */
    bodyLimit?: (path: string) => number;
  },
): NextProxy {
  // Kept-alive connections to Next, so that no call pays for a new TCP connection. An idle one is
  // dropped here after 4 s, before Next drops it (Node's keep-alive timeout, 5 s): without an
  // agent timeout Node keeps it forever, and a request could land on a socket Next is closing
  // (ECONNRESET, a 502). On a socket in use the timeout only emits an event nobody acts on.
  const proxy = createProxyServer({
    target,
    xfwd: true,
    ws: true,
    agent: new http.Agent({ keepAlive: true, timeout: 4_000 }),
  });
  // A request that Next answers before it has read the whole body (a 413 on Content-Length): the
  // rest of the body is of no use once the answer has ended, so it is no longer sent on (nor
  // counted) — that connection to Next, cut mid-body, is dropped — and what the client still
  // sends is read and discarded here, which keeps the client's connection usable. Forwarded on,
  // the rest stalled now and then (Node stops reading a body after an early answer on a
  // kept-alive connection) until a keep-alive timer reset the client's connection; with
  // `Connection: close` towards Next, the upload failed with EPIPE and the client got a 502 for
  // its 413.
  //
  // A Next that never begins its answer (hung, or stuck on something it awaits) gets
  // headersTimeoutMs (server/config.ts), then the client gets a 504 rather than waiting for
  // ever. Only the start of the answer is timed: an event stream (the playground's replies) may
  // then run as long as it runs.
  proxy.on("proxyReq", (proxyReq, req) => {
    const timer = setTimeout(() => proxyReq.destroy(new NextTimedOut()), headersTimeoutMs);
    proxyReq.once("close", () => clearTimeout(timer));
    proxyReq.once("response", (proxyRes) => {
      clearTimeout(timer);
      proxyRes.once("end", () => {
        if (req.complete) return;
        req.unpipe();
        proxyReq.destroy();
        req.resume();
      });
    });
  });

  // A body over its route's limit (server/body-guard.ts): its request to Next ends with it,
  // so Next never holds more than the limit.
  proxy.on("proxyReq", (proxyReq, _req, _res, options) => {
    const body = options.buffer;
    if (!(body instanceof CountedBody)) return;
    if (body.refused.aborted) proxyReq.destroy();
    else body.refused.addEventListener("abort", () => proxyReq.destroy(), { once: true });
  });

  return {
    web(req, res) {
      const limit = bodyLimit?.(req.url?.split("?")[0] ?? "");
      if (limit !== undefined && refuseDeclaredLength(req, res, limit)) return;
      // Node has answered the client's `Expect: 100-continue` already; passed on, it would make
      // http-proxy-3 skip its proxyReq event, and with it the timer and the body's limit above.
      delete req.headers.expect;
      const body = limit === undefined ? undefined : countBody(req, res, limit);
      const headers = clientHeaders(req, gatewayToken);
      proxy.web(req, res, body ? { headers, buffer: body } : { headers }, (error) => {
        const path = req.url?.split("?")[0] ?? "";
        // The answer has been given whole, or is the gateway's own 413 (the rest of an upload then
        // failed to reach Next): nothing to fix.
        if (res.writableEnded || body?.refused.aborted) return;
        logger.error({ err: error, path }, "proxying to Next.js failed");
        const timedOut = error instanceof NextTimedOut;
        if (res.headersSent) res.destroy();
        else if (path.startsWith("/api/")) {
          const { status, body } = errorPayload(
            timedOut
              ? new AppError("upstream_timeout", "The application server did not answer in time.")
              : new AppError("upstream_error", "The application server did not answer; try again shortly."),
            "json",
          );
          const text = JSON.stringify(body);
          res.writeHead(status, {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(text),
          });
          res.end(text);
        } else if (timedOut) res.writeHead(504, { "content-type": "text/plain" }).end("Gateway timeout");
        else res.writeHead(502, { "content-type": "text/plain" }).end("Bad gateway");
      });
    },
    // Upgrades go to Next too; one that Next refuses (production Next serves no WebSockets) ends
    // that socket, never the server — the proxy throws on an error nobody handles.
    upgrade(req, socket, head) {
      proxy.ws(req, socket, head, { headers: clientHeaders(req, gatewayToken) }, (error) => {
        logger.warn({ err: error, path: req.url?.split("?")[0] }, "upgrade refused");
        socket.destroy();
      });
    },
  };
}
