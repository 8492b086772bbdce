import { setTimeout as sleep } from "node:timers/promises";

// Writes that lose a race for the database — SQLite busy past its timeout, a PostgreSQL
// serialisation failure or deadlock, a Prisma transaction that could not start or ran out of time
// because the machine was busy — are safe to run again: each of them was rolled back whole.
// Only those are retried, with jittered exponential backoff, a bounded number of times.

const RETRYABLE_PRISMA_CODES = new Set([
  "P1008", // operation timed out (the libsql adapter's SQLITE_BUSY)
  "P2028", // transaction API error: could not start in time, or expired
  "P2034", // transaction write conflict or deadlock
]);
const RETRYABLE_DRIVER_KINDS = new Set(["TransactionWriteConflict", "SocketTimeout"]);
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

interface DbErrorShape {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
  cause?: unknown;
}

/** True when `error` is a lost race the whole write can simply be run again after. */
export function isRetryableDbError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as DbErrorShape;
  const code = typeof e.code === "string" ? e.code : "";
  if (RETRYABLE_PRISMA_CODES.has(code) || RETRYABLE_SQLSTATES.has(code) || code.startsWith("SQLITE_BUSY"))
    return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause) {
    if (RETRYABLE_DRIVER_KINDS.has(String(cause.kind))) return true;
    if (RETRYABLE_SQLSTATES.has(String(cause.originalCode ?? cause.code))) return true;
  }
  if (/SQLITE_BUSY|database is locked/.test(String(e.message ?? ""))) return true;
  return isRetryableDbError(e.cause, depth + 1);
}

export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** For tests: a fixed random source and a sleep that records instead of waiting. */
  random?: () => number;
  wait?: (ms: number) => Promise<unknown>;
}

/** The delay before retry number `retry` (1-based): full jitter over an exponential ceiling. */
export function backoffDelay(retry: number, random: () => number, baseMs: number, maxMs: number): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** (retry - 1)));
}

/** Runs `write`, and again on a retryable database error, up to `attempts` runs in all. */
export async function withDbRetry<T>(write: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  const random = options.random ?? Math.random;
  const wait = options.wait ?? sleep;
  for (let run = 1; ; run++) {
    try {
      return await write();
    } catch (error) {
      if (run >= attempts || !isRetryableDbError(error)) throw error;
      await wait(backoffDelay(run, random, options.baseDelayMs ?? 50, options.maxDelayMs ?? 2_000));
    }
  }
}
