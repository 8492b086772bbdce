// `npm start` — the production server, in two processes. This one, the gateway, listens on the
// public port and answers every API-key call itself (the table in lib/api/routes.ts, which Next
// serves too: same wrapper and pipeline); everything else it proxies to Next.js, which runs as a
// child process on a private loopback port. Why two processes: docs/architecture.md. Keys
// revoked on the dashboard reach this process at once over the child's IPC channel (lib/ipc.ts).
// `npm run dev` stays plain `next dev` (one process, hot reload).
//
//   npm start -- [-p PORT] [-H HOSTNAME]      (else PORT, default 3000; hostname default 0.0.0.0)
import "./check-config";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { directRoute } from "@/lib/api/routes";
import { dropFromCache } from "@/lib/data/api-key-cache";
import { flushRequestLogs } from "@/lib/data/request-log";
import { startReservationSweeps } from "@/lib/data/reservations";
import { ensureMigrated } from "@/lib/db";
import { bodyLimitFor } from "@/lib/http/body-limits";
import { API_SECURITY_HEADERS, setGatewaySecurityHeaders } from "@/lib/http/security-headers";
import { childMessageHandler, flushChildRequestLogs } from "@/lib/ipc";
import { logger } from "@/lib/logger";
import { setMetricsProcess } from "@/lib/metrics";
import { redis } from "@/lib/redis";
import { guardedServer } from "./body-guard";
import { reservationSettledWithinMs, serverConfig } from "./config";
import { isMetricsPath, servePublicMetrics, startMetricsListener } from "./metrics";
import { nextProxy } from "./next-proxy";
import { serveApiRoute } from "./node-adapter";
import { answerReady, isReadyProbe } from "./ready";

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

async function main() {
  const { port, hostname } = options();
  setMetricsProcess("gateway");
  await ensureMigrated();
  // Reservations a crashed instance left unsettled, now and from time to time (any instance may).
  startReservationSweeps({ settledWithinMs: reservationSettledWithinMs() });
  // Connect now, so readiness and the first "Redis unreachable" line do not wait for an API call.
  redis();
  let stopping = false;

  const nextPort = await freePort();
  // Next believes the client address the gateway sends only with this start's token.
  const gatewayToken = randomBytes(32).toString("base64url");
  const next = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(nextPort), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, PORT: String(nextPort), KIMI_GATEWAY_TOKEN: gatewayToken },
    },
  );
  next.on("message", childMessageHandler({ keyRevoked: dropFromCache }));
  next.once("exit", (code, signal) => {
    if (stopping) return;
    logger.error({ code, signal }, "Next.js exited; stopping the server");
    process.exit(1);
  });
  await waitUntilServing(`http://127.0.0.1:${nextPort}/api/health`, next);

  // Every request must arrive whole within BODY_TIMEOUT_MS; bodies for Next are held to their
  // route's limit (server/body-guard.ts).
  const config = serverConfig();
  const proxy = nextProxy(`http://127.0.0.1:${nextPort}`, {
    headersTimeoutMs: config.nextHeadersTimeoutMs,
    gatewayToken,
    bodyLimit: (path) => bodyLimitFor(path, config.maxBodyBytes),
  });
  const server = guardedServer({ bodyTimeoutMs: config.bodyTimeoutMs }, (req, res) => {
    if (isReadyProbe(req)) {
      answerReady(res, stopping).catch((error: unknown) => {
        logger.error({ err: error }, "readiness check failed");
        if (!res.headersSent) res.writeHead(503, API_SECURITY_HEADERS).end();
      });
      return;
    }
    if (isMetricsPath(req)) {
      servePublicMetrics(req, res, next, config.metrics.token).catch((error: unknown) => {
        logger.error({ err: error }, "metrics failed");
        if (!res.headersSent) res.writeHead(500, API_SECURITY_HEADERS).end();
      });
      return;
    }
    const direct = directRoute(req);
    if (direct) {
      serveApiRoute(direct, req, res).catch((error: unknown) => {
        logger.error({ err: error, path: req.url?.split("?")[0] }, "request failed");
        if (!res.headersSent) res.writeHead(500, API_SECURITY_HEADERS).end();
        else res.destroy();
      });
      return;
    }
    setGatewaySecurityHeaders(res, req.headers["x-forwarded-proto"]);
    proxy.web(req, res);
  });
  server.on("upgrade", (req, socket, head) => proxy.upgrade(req, socket, head));
  const metricsServer = await startMetricsListener(config.metrics, next).catch((error: unknown) => {
    throw new Error(`METRICS_PORT: cannot listen on ${config.metrics.host}:${config.metrics.port}: ${error}`);
  });
  server.listen(port, hostname, () => {
    console.log(`> Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });

  // Stop taking requests (GET /api/ready answers 503 from now on), let those in flight finish
  // (streams get 10 s), then have Next write the request logs it holds (up to 5 s), stop it and
  // wait for it to finish its own, while this process writes its own.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    metricsServer?.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.once("close", () => {
      const running = next.exitCode === null && next.signalCode === null;
      const nextStopped = running ? once(next, "exit") : Promise.resolve();
      void flushChildRequestLogs(next, 5_000).then(() => {
        next.kill("SIGTERM");
        setTimeout(() => next.kill("SIGKILL"), 10_000).unref();
      });
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
