import "server-only";
import { hotExecute } from "@/lib/db/hot";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";

// Request logs and keys' last-used times are written off the hot path: rows queue up and are
// written together at most FLUSH_MS later (sooner when MAX_BATCH have queued), so under load
// many requests share one write.

export interface RequestLogEntry {
  id: string;
  userId: string;
  apiKeyId: string | null;
  source: "api" | "playground";
  endpoint: "openai" | "anthropic" | "responses";
  model: string;
  upstream: string | null;
  status: number;
  stream: boolean;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  ttfbMs: number | null;
  credits: number;
  errorCode: string | null;
}

/** The error code of a call's row while it streams: output went out, the call has not ended. */
export const IN_PROGRESS = "in_progress";
/** The error code of a call whose instance died before it ended (lib/data/reservations.ts). */
export const INTERRUPTED = "interrupted";

const FLUSH_MS = 20;
const MAX_BATCH = 500;

interface LogQueue {
  entries: RequestLogEntry[];
  timer?: NodeJS.Timeout;
  writing: Promise<void>;
  /** Shutting down: each entry is written as it comes. */
  immediate: boolean;
}

// On globalThis, as the Prisma client is (lib/db.ts): Next bundles instrumentation.ts apart from the
// routes, and the shutdown flush it starts must reach the queue the routes fill.
const globalForLogs = globalThis as unknown as { kimiRequestLogs?: LogQueue };
globalForLogs.kimiRequestLogs ??= { entries: [], writing: Promise.resolve(), immediate: false };
const logs: LogQueue = globalForLogs.kimiRequestLogs;

const COLUMNS = [
  "id",
  "userId",
  "apiKeyId",
  "source",
  "endpoint",
  "model",
  "upstream",
  "status",
  "stream",
  "promptTokens",
  "completionTokens",
  "latencyMs",
  "ttfbMs",
  "credits",
  "errorCode",
  "createdAt",
] as const;

// A call's row may come twice (first while it is still streaming, as its mark that output went
// out, then when it ends) and may meet the row the crash-recovery sweep wrote: the later wins.
const UPSERT = `ON CONFLICT ("id") DO UPDATE SET ${COLUMNS.filter((c) => c !== "id" && c !== "createdAt")
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(", ")}`;

// One multi-row INSERT and one UPDATE per batch, on the hot-path connection: the ORM would
// compile and commit each row on its own (docs/benchmarks.md).
async function write(entries: RequestLogEntry[]) {
  // One statement may not touch a row twice: a call's last entry in the batch stands for it.
  const batch = [...new Map(entries.map((e) => [e.id, e])).values()];
  if (batch.length === 0) return;
  const now = new Date();
  const row = `(${COLUMNS.map(() => "?").join(", ")})`;
  const params = batch.flatMap((e) => [
    e.id,
    e.userId,
    e.apiKeyId,
    e.source,
    e.endpoint,
    e.model,
    e.upstream,
    e.status,
    e.stream,
    e.promptTokens,
    e.completionTokens,
    e.latencyMs,
    e.ttfbMs,
    e.credits,
    e.errorCode,
    now,
  ]);
  try {
    await hotExecute(
      `INSERT INTO "RequestLog" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${batch.map(() => row).join(", ")} ${UPSERT}`,
      params,
    );
    const keyIds = [...new Set(batch.map((e) => e.apiKeyId).filter((id): id is string => id !== null))];
    if (keyIds.length) {
      await hotExecute(
        `UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" IN (${keyIds.map(() => "?").join(", ")})`,
        [now, ...keyIds],
      );
    }
  } catch (error) {
    logger.error({ err: error, count: batch.length }, "failed to write request logs");
  }
}

function kick() {
  clearTimeout(logs.timer);
  logs.timer = undefined;
  const batch = logs.entries;
  logs.entries = [];
  metrics.requestLogQueue.set(0);
  logs.writing = logs.writing.then(() => write(batch));
}

export function logRequest(entry: RequestLogEntry): void {
  metrics.requestLogQueue.set(logs.entries.push(entry));
  if (logs.immediate || logs.entries.length >= MAX_BATCH) kick();
  else logs.timer ??= setTimeout(kick, FLUSH_MS);
}

/** Resolves when everything logged so far is written (tests, shutdown). */
export async function flushRequestLogs(): Promise<void> {
  kick();
  await logs.writing;
}

/**
 * For shutdown: writes what is queued now, and from then on each entry as it is logged (requests
 * still finishing while the server stops), so none is left in a timer when the process exits.
 */
export function writeRequestLogsAtOnce(): Promise<void> {
  logs.immediate = true;
  return flushRequestLogs();
}
