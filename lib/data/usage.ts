import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

// Request logs and keys' last-used times are written off the hot path: rows queue up and each
// turn of the event loop writes whatever has queued in one statement, so under load many
// requests share a write and a lone request is logged within a millisecond or two.

export interface RequestLogEntry {
  id: string;
  userId: string;
  apiKeyId: string | null;
  source: "api" | "playground";
  endpoint: "openai" | "anthropic";
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

let queue: RequestLogEntry[] = [];
let scheduled: Promise<void> | undefined;

async function flush() {
  const batch = queue;
  queue = [];
  scheduled = undefined;
  if (batch.length === 0) return;
  const now = new Date();
  try {
    await db().requestLog.createMany({ data: batch.map((e) => ({ ...e, createdAt: now })) });
    const keyIds = [...new Set(batch.map((e) => e.apiKeyId).filter((id): id is string => id !== null))];
    if (keyIds.length) await db().apiKey.updateMany({ where: { id: { in: keyIds } }, data: { lastUsedAt: now } });
  } catch (error) {
    logger.error({ err: error, count: batch.length }, "failed to write request logs");
  }
}

export function logRequest(entry: RequestLogEntry): void {
  queue.push(entry);
  scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
}

/** Resolves when everything logged so far is written (tests, shutdown). */
export async function flushRequestLogs(): Promise<void> {
  while (scheduled) await scheduled;
}
