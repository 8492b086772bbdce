import { createHash, timingSafeEqual } from "node:crypto";
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";

// The operator's numbers (docs/deploy.md, "Metrics"). Each process has its own registry; the
// gateway merges Next's into its answer (lib/ipc.ts), and the `process` label keeps the two
// apart. Labels only ever take values from our own code or the catalog, never the client's
// input, so the number of series stays bounded.

export type Surface = "openai" | "anthropic" | "responses" | "playground";

/** Request latencies: from a few milliseconds (a refusal) to a long stream. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function create() {
  const registry = new Registry();
  registry.setDefaultLabels({ process: "next" });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "kimi_requests_total",
      help: "API and playground calls by surface, model, upstream and HTTP status.",
      labelNames: ["surface", "model", "upstream", "status"] as const,
      registers,
    }),
    duration: new Histogram({
      name: "kimi_request_duration_seconds",
      help: "Time from a call's arrival to its end (a stream's last byte).",
      labelNames: ["surface", "model"] as const,
      buckets: SECONDS,
      registers,
    }),
    ttfb: new Histogram({
      name: "kimi_time_to_first_byte_seconds",
      help: "Time from a chat's arrival to the upstream's first output.",
      labelNames: ["surface", "upstream"] as const,
      buckets: SECONDS,
      registers,
    }),
    upstreamFailures: new Counter({
      name: "kimi_upstream_failures_total",
      help: "Upstream attempts that failed before the first byte: reason timeout, network, 429 or 5xx.",
      labelNames: ["upstream", "reason"] as const,
      registers,
    }),
    failovers: new Counter({
      name: "kimi_upstream_failovers_total",
      help: "Calls passed on to the next upstream after one failed.",
      labelNames: ["from"] as const,
      registers,
    }),
    creditsReserved: new Counter({
      name: "kimi_credits_reserved_total",
      help: "Credits reserved before calling an upstream.",
      labelNames: ["surface"] as const,
      registers,
    }),
    creditsRefunded: new Counter({
      name: "kimi_credits_refunded_total",
      help: "Credits given back because the upstream produced no output.",
      labelNames: ["surface"] as const,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: "kimi_rate_limit_refusals_total",
      help: "Calls refused by a per-key (api) or per-user (playground) rate limit, by window.",
      labelNames: ["subject", "window"] as const,
      registers,
    }),
    reconciliationRefunds: new Counter({
      name: "kimi_reconciliation_refunds_total",
      help: "Reservations never settled (a crashed instance's) that reconciliation refunded.",
      registers,
    }),
    redisFallback: new Gauge({
      name: "kimi_redis_fallback",
      help: "1 while Redis is configured but unreachable: rate limits count in this process only.",
      registers,
    }),
    requestLogQueue: new Gauge({
      name: "kimi_request_log_queue",
      help: "Request-log rows waiting to be written.",
      registers,
    }),
  };
}

// On globalThis, as the request-log queue is: Next bundles instrumentation.ts apart from the
// routes, and both must count into the one registry.
const globalForMetrics = globalThis as unknown as { kimiMetrics?: ReturnType<typeof create> };
globalForMetrics.kimiMetrics ??= create();
export const metrics = globalForMetrics.kimiMetrics;
export const reconciliationRefunds = metrics.reconciliationRefunds;

/** Names this process in every series (the gateway calls it; Next keeps "next"). */
export function setMetricsProcess(name: string): void {
  metrics.registry.setDefaultLabels({ process: name });
}

export function metricsAsJson(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
  return metrics.registry.getMetricsAsJSON();
}

/** Prometheus' text format for this process's metrics and those `others` sent (Next's, over IPC). */
export async function metricsText(others: MetricObjectWithValues<MetricValue<string>>[][] = []) {
  const merged = AggregatorRegistry.aggregate([await metricsAsJson(), ...others]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/**
 * Who may read /metrics on the public port: only a client with `Authorization: Bearer <token>`;
 * without a token configured the endpoint does not exist there (404).
 */
export function metricsAccess(authorization: string | undefined, token: string | undefined): 200 | 401 | 404 {
  if (!token) return 404;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!sent) return 401;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(token)) ? 200 : 401;
}

/** How one upstream attempt failed, as a bounded label. */
export function failureReason(status: number | "timeout" | "network"): string {
  return typeof status === "number" ? (status === 429 ? "429" : "5xx") : status;
}
