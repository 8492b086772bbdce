import "server-only";
import { logger } from "@/lib/logger";
import { metrics, type Surface } from "@/lib/metrics";

// One line and one count per call, written when its outcome is known: a chat when it settles
// (lib/gateway/settlement.ts), any other API call when its wrapper answers (lib/http/api-key.ts).
// The line names the key by its id, never the key itself.

export interface CallRecord {
  requestId: string;
  surface: Surface;
  keyId: string | null;
  userId: string | null;
  /** A catalog id, or null when the call named no known model. */
  model: string | null;
  upstream: string | null;
  status: number;
  errorCode: string | null;
  durationMs: number;
  /** Set for a chat that reached the first output. */
  ttfbMs?: number | null;
  credits: number;
}

export function recordCall(call: CallRecord): void {
  const model = call.model ?? "none";
  const upstream = call.upstream ?? "none";
  metrics.requests.labels(call.surface, model, upstream, String(call.status)).inc();
  metrics.duration.labels(call.surface, model).observe(call.durationMs / 1000);
  if (call.ttfbMs != null) metrics.ttfb.labels(call.surface, upstream).observe(call.ttfbMs / 1000);
  logger.info(call, "access");
}
