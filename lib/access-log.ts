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
  const { surface } = call;
  const model = call.model ?? "none";
  const upstream = call.upstream ?? "none";
  // Label objects rather than labels(...): measured a little cheaper on this path.
  metrics.requests.inc({ surface, model, upstream, status: call.status });
  metrics.duration.observe({ surface, model }, call.durationMs / 1000);
  if (call.ttfbMs != null) metrics.ttfb.observe({ surface, upstream }, call.ttfbMs / 1000);
  logger.info(call, "access");
}
