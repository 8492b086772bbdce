import http from "node:http";
import type { AddressInfo } from "node:net";
import { type AppError, errorPayload } from "@/lib/errors";
import { type ApiRoute, apiJson } from "@/lib/http/api-key";
import { bodyLimitFor } from "@/lib/http/body-limits";
import { guardedServer } from "@/server/body-guard";
import { nextProxy } from "@/server/next-proxy";
import { serveApiRoute } from "@/server/node-adapter";

// For tests over real HTTP: a gateway put together as server/main.ts puts it (guardedServer,
// the proxy with the routes' body limits, an API route it answers itself through the Node
// adapter) in front of a plain Node server standing in for Next.js.

export const API_LIMIT = 1024 * 1024;
/** The route the gateway answers itself: it reads the body and says how long it was. */
export const DIRECT_PATH = "/api/v1/echo";

/** A request as the stand-in for Next received it. */
export interface NextRequest {
  path: string;
  bytes: number;
  /** Settles when its connection is done with it: true if the whole body arrived. */
  complete: Promise<boolean>;
}

export interface Harness {
  port: number;
  /** Every request that reached "Next", in order. */
  next: NextRequest[];
  /** Next's `index`-th request (from 0), once its first bytes have arrived. */
  arrival(index: number): Promise<NextRequest>;
  close(): Promise<void>;
}

const echo: ApiRoute = Object.assign(() => Promise.reject(new Error("not used over Node")), {
  async serve(req: Parameters<ApiRoute["serve"]>[0]) {
    try {
      return apiJson({ bytes: (await req.readBody(API_LIMIT)).byteLength });
    } catch (error) {
      const { status, body } = errorPayload(error as AppError, "openai");
      return apiJson(body, { status });
    }
  },
});

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** `streamMs`: how long Next's /api/stream takes between its first event and its last. */
export async function startHarness({
  bodyTimeoutMs,
  streamMs = 0,
}: {
  bodyTimeoutMs: number;
  streamMs?: number;
}): Promise<Harness> {
  const received: NextRequest[] = [];
  const arrivals: Array<{ promise: Promise<NextRequest>; resolve: (r: NextRequest) => void }> = [];
  const arrival = (index: number) => {
    for (let i = arrivals.length; i <= index; i++) {
      let resolve!: (r: NextRequest) => void;
      arrivals.push({ promise: new Promise((r) => (resolve = r)), resolve });
    }
    return arrivals[index] as (typeof arrivals)[number];
  };
  const next = http.createServer((req, res) => {
    if (req.url?.endsWith("?early")) {
      // Next's way with what it refuses on sight: an answer at once, the body unread.
      res.writeHead(403, { "content-type": "application/json" }).end("{}");
      return;
    }
    if (req.url === "/api/stream") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      setTimeout(() => res.end("data: last\n\n"), streamMs);
      return;
    }
    const seen: NextRequest = {
      path: req.url ?? "",
      bytes: 0,
      complete: new Promise((resolve) => req.once("close", () => resolve(req.complete))),
    };
    const arrived = arrival(received.push(seen) - 1);
    req.on("data", (chunk: Buffer) => {
      seen.bytes += chunk.byteLength;
      arrived.resolve(seen);
    });
    req.on("end", () => res.end(JSON.stringify({ bytes: seen.bytes })));
  });
  const nextPort = await listen(next);
  const proxy = nextProxy(`http://127.0.0.1:${nextPort}`, {
    headersTimeoutMs: 60_000,
    bodyLimit: (path) => bodyLimitFor(path, API_LIMIT),
  });
  const gateway = guardedServer({ bodyTimeoutMs }, (req, res) => {
    if (req.url === DIRECT_PATH) void serveApiRoute(echo, req, res);
    else proxy.web(req, res);
  });
  const port = await listen(gateway);
  return {
    port,
    next: received,
    arrival: (index) => arrival(index).promise,
    async close() {
      await close(gateway);
      await close(next);
    },
  };
}
