import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { childMetrics } from "@/lib/ipc";
import { metricsAccess, metricsText } from "@/lib/metrics";
import type { ServerConfig } from "./config";

// GET /metrics, answered by the gateway for both processes: its own metrics merged with those
// Next sends over IPC (a Next that does not answer within a second is left out of this scrape).
// On the public port only with the token; on METRICS_PORT (a private listener) without one.

const CHILD_TIMEOUT_MS = 1_000;

export function isMetricsPath(req: IncomingMessage): boolean {
  return req.url === "/metrics" || req.url?.startsWith("/metrics?") === true;
}

async function answerMetrics(res: ServerResponse, next: ChildProcess): Promise<void> {
  const theirs = await childMetrics(next, CHILD_TIMEOUT_MS);
  const { contentType, body } = await metricsText(theirs ? [theirs] : []);
  res
    .writeHead(200, { ...API_SECURITY_HEADERS, "Content-Type": contentType, "Cache-Control": "no-store" })
    .end(body);
}

function refuse(res: ServerResponse, status: number): void {
  const headers = status === 401 ? { "WWW-Authenticate": 'Bearer realm="metrics"' } : {};
  res.writeHead(status, { ...API_SECURITY_HEADERS, ...headers }).end();
}

/** The public port's /metrics: 404 without a configured token, 401 without the right one. */
export function servePublicMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  next: ChildProcess,
  token: string | undefined,
): Promise<void> {
  const access = req.method === "GET" ? metricsAccess(req.headers.authorization, token) : 404;
  if (access !== 200) {
    refuse(res, access);
    return Promise.resolve();
  }
  return answerMetrics(res, next);
}

/**
 * The private listener, when METRICS_PORT is set: /metrics for whoever can reach it. Rejects if it
 * cannot listen (a port in use): the server does not start without the metrics it was asked for.
 */
export async function startMetricsListener(
  config: ServerConfig["metrics"],
  next: ChildProcess,
): Promise<http.Server | undefined> {
  if (config.port === undefined) return undefined;
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || !isMetricsPath(req)) return refuse(res, 404);
    answerMetrics(res, next).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
  server.listen(config.port, config.host);
  // once() rejects with the "error" event if that comes first.
  await once(server, "listening");
  return server;
}
