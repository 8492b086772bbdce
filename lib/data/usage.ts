import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

// Request logs and keys' last-used times are written off the hot path: rows queue up and are
// written together at most FLUSH_MS later (sooner when MAX_BATCH have queued), so under load
// many requests share one write.

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

const FLUSH_MS = 20;
const MAX_BATCH = 500;
let queue: RequestLogEntry[] = [];
let timer: NodeJS.Timeout | undefined;
let writing: Promise<void> = Promise.resolve();

async function write(batch: RequestLogEntry[]) {
  if (batch.length === 0) return;
  const now = new Date();
  try {
    await db().requestLog.createMany({ data: batch.map((e) => ({ ...e, createdAt: now })) });
    const keyIds = [...new Set(batch.map((e) => e.apiKeyId).filter((id): id is string => id !== null))];
    if (keyIds.length)
      await db().apiKey.updateMany({ where: { id: { in: keyIds } }, data: { lastUsedAt: now } });
  } catch (error) {
    logger.error({ err: error, count: batch.length }, "failed to write request logs");
  }
}

function kick() {
  clearTimeout(timer);
  timer = undefined;
  const batch = queue;
  queue = [];
  writing = writing.then(() => write(batch));
}

export function logRequest(entry: RequestLogEntry): void {
  queue.push(entry);
  if (queue.length >= MAX_BATCH) kick();
  else timer ??= setTimeout(kick, FLUSH_MS);
}

/** Resolves when everything logged so far is written (tests, shutdown). */
export async function flushRequestLogs(): Promise<void> {
  kick();
  await writing;
}
