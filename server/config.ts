import { env } from "@/lib/env";
import { catalogModels } from "@/lib/providers/catalog";

// What the production server's own pieces are configured with, read once at start-up and passed
// to them (server/main.ts), so that none of them reads the environment or the catalog itself.

export interface ServerConfig {
  /** Every request must arrive whole within this (server/body-guard.ts). */
  bodyTimeoutMs: number;
  /** The public API's body limit (lib/http/body-limits.ts). */
  maxBodyBytes: number;
  /** How long Next may take to begin an answer before the client gets a 504 (server/next-proxy.ts). */
  nextHeadersTimeoutMs: number;
  /** Where /metrics is served (server/metrics.ts). */
  metrics: { token?: string; port?: number; host: string };
}

export function serverConfig(): ServerConfig {
  const { BODY_TIMEOUT_MS, MAX_BODY_BYTES, METRICS_TOKEN, METRICS_PORT, METRICS_HOST } = env();
  return {
    bodyTimeoutMs: BODY_TIMEOUT_MS,
    maxBodyBytes: MAX_BODY_BYTES,
    nextHeadersTimeoutMs: nextHeadersTimeoutMs(),
    metrics: { token: METRICS_TOKEN, port: METRICS_PORT, host: METRICS_HOST },
  };
}

/**
 * Next's slowest honest wait is the playground's chat, which answers once an upstream has: every
 * route of the model may take up to the first-byte timeout. So the longest of those, and a minute more.
 */
export function nextHeadersTimeoutMs(): number {
  const routes = Math.max(...catalogModels().map((m) => m.routes.length));
  return routes * env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS + 60_000;
}

/**
 * The longest a call can hold a reservation without output: every route may take up to the
 * first-byte timeout, then the answer may idle up to the idle timeout. A margin more for its
 * settlement's writes and for clocks a little apart across instances. A reservation older than
 * this that no call settled belongs to a call that died with its instance (lib/data/reservations.ts).
 */
export function reservationSettledWithinMs(): number {
  const routes = Math.max(...catalogModels().map((m) => m.routes.length));
  const { UPSTREAM_FIRST_BYTE_TIMEOUT_MS, UPSTREAM_IDLE_TIMEOUT_MS } = env();
  return routes * UPSTREAM_FIRST_BYTE_TIMEOUT_MS + UPSTREAM_IDLE_TIMEOUT_MS + 10_000;
}
