// `npm start` — the production server, in two processes. This one, the gateway, listens on the
// public port and answers every API-key call itself (scripts/server/direct-routes.ts: the very
// routes app/api/**/route.ts exports, same wrapper and pipeline); everything else it proxies to
// Next.js, which runs as a child process on a private loopback port. Why: inside Next's process
// each call pays for Next's request pipeline and for the async-context hooks it switches on for
// every promise (~2 ms and ~0.2 ms per call here); the gateway's process has neither. Keys
// revoked on the dashboard reach this process at once over the child's IPC channel.
// `npm run dev` stays plain `next dev` (one process, hot reload).
//
//   npm start -- [-p PORT] [-H HOSTNAME]      (else PORT, default 3000; hostname default 0.0.0.0)
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createProxyServer } from "http-proxy-3";
import { flushRequestLogs } from "@/lib/data/usage";
import { ensureMigrated } from "@/lib/db";
import { acceptRevocationMessage } from "@/lib/gateway/key-cache";
import { serveApiRoute } from "@/lib/http/node-adapter";
import { logger } from "@/lib/logger";
import { directRoute } from "./server/direct-routes";

/** `-p PORT` (else PORT, else 3000) and `-H HOSTNAME` (else 0.0.0.0); anything else exits 2. */
function options(): { port: number; hostname: string } {
  let values: { port?: string; hostname?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm start -- [-p PORT] [-H HOSTNAME]`);
    process.exit(2);
  }
  const rawPort = values.port ?? process.env.PORT ?? "3000";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    console.error(`Invalid port: ${rawPort}\nUsage: npm start -- [-p PORT] [-H HOSTNAME]`);
    process.exit(2);
  }
  return { port, hostname: values.hostname ?? "0.0.0.0" };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Next.js exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("Next.js did not start within 120 s");
}

const NEXT_UNREACHABLE = {
  error: { code: "internal_error", message: "The application server did not answer; try again shortly." },
};

async function main() {
  const { port, hostname } = options();
  await ensureMigrated();
  let stopping = false;

  const nextPort = await freePort();
  const next = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(nextPort), "-H", "127.0.0.1"],
    { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, PORT: String(nextPort) } },
  );
  next.on("message", acceptRevocationMessage);
  next.once("exit", (code, signal) => {
    if (stopping) return;
    logger.error({ code, signal }, "Next.js exited; stopping the server");
    process.exit(1);
  });
  await waitUntilServing(`http://127.0.0.1:${nextPort}/api/health`, next);

  // xfwd: Next sees the client's address and the public host, as it would without this hop.
  // Kept-alive connections to Next, so that no call pays for a new TCP connection. An idle one is
  // dropped here after 4 s, before Next drops it (Node's keep-alive timeout, 5 s): without an
  // agent timeout Node keeps it forever, and a request could land on a socket Next is closing
  // (ECONNRESET, a 502). On a socket in use the timeout only emits an event nobody acts on.
  const proxy = createProxyServer({
    target: `http://127.0.0.1:${nextPort}`,
    xfwd: true,
    ws: true,
    agent: new http.Agent({ keepAlive: true, timeout: 4_000 }),
  });
  // A request that Next answers before it has read the whole body (a 413 on Content-Length): the
  // rest of the body is of no use once the answer has ended, so it is no longer sent on — that
  // connection to Next, cut mid-body, is dropped — and what the client still sends is read and
  // discarded here, which keeps the client's connection usable. Forwarded on, the rest stalled
  // now and then (Node stops reading a body after an early answer on a kept-alive connection)
  // until a keep-alive timer reset the client's connection; with `Connection: close` towards
  // Next, the upload failed with EPIPE and the client got a 502 for its 413.
  proxy.on("proxyReq", (proxyReq, req) => {
    proxyReq.once("response", (proxyRes) =>
      proxyRes.once("end", () => {
        if (req.complete) return;
        req.unpipe(proxyReq);
        proxyReq.destroy();
        req.resume();
      }),
    );
  });
  const server = http.createServer((req, res) => {
    const direct = directRoute(req);
    if (direct) {
      serveApiRoute(direct, req, res).catch((error: unknown) => {
        logger.error({ err: error, path: req.url?.split("?")[0] }, "request failed");
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    proxy.web(req, res, {}, (error) => {
      const path = req.url?.split("?")[0] ?? "";
      // The answer has gone out whole (the rest of an upload failed to reach Next): nothing to fix.
      if (res.writableFinished) return;
      logger.error({ err: error, path }, "proxying to Next.js failed");
      if (res.headersSent) res.destroy();
      else if (path.startsWith("/api/")) {
        const body = JSON.stringify(NEXT_UNREACHABLE);
        res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      } else res.writeHead(502, { "content-type": "text/plain" }).end("Bad gateway");
    });
  });
  // Upgrades go to Next too; one that Next refuses (production Next serves no WebSockets) ends
  // that socket, never the server — the proxy throws on an error nobody handles.
  server.on("upgrade", (req, socket, head) =>
    proxy.ws(req, socket, head, {}, (error) => {
      logger.warn({ err: error, path: req.url?.split("?")[0] }, "upgrade refused");
      socket.destroy();
    }),
  );
  server.listen(port, hostname, () => {
    console.log(`> Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });

  // Stop taking requests, let those in flight finish (streams get 10 s), then stop Next and wait
  // for it to finish its own (instrumentation.ts writes its last request logs) while this process
  // writes its own.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.once("close", () => {
      const running = next.exitCode === null && next.signalCode === null;
      const nextStopped = running ? once(next, "exit") : Promise.resolve();
      next.kill("SIGTERM");
      setTimeout(() => next.kill("SIGKILL"), 10_000).unref();
      Promise.all([flushRequestLogs(), nextStopped]).finally(() => process.exit(0));
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

// As `next start` does: a stray rejection in one request is logged, not fatal to every other one.
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
