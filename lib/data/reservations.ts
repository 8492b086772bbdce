import "server-only";
import { z } from "zod";
import { refundCredits } from "@/lib/data/credits";
import { IN_PROGRESS, INTERRUPTED } from "@/lib/data/request-log";
import { db, dbProvider } from "@/lib/db";
import { type HotParam, hotExecute, toPostgresPlaceholders } from "@/lib/db/hot";
import { logger } from "@/lib/logger";
import { reconciliationRefunds } from "@/lib/metrics";

// Crash recovery for credit reservations. A call reserves its cost (a charge row) before the
// upstream answers and settles at its end: a refund unless output went out, and its request-log
// row (a stream's row is written, marked in progress, as soon as output goes out). A process that
// dies in between leaves a charge without a final log row. Once the charge is older than the
// longest a call can go without output, the call is over: the sweep settles it as the call would
// have — refunded unless its row shows output — and logs it as interrupted. Each step is a unique
// key or a conditional write, so any number of instances may sweep at once: once per call.

const CallDetails = z.object({
  apiKeyId: z.string().nullable(),
  source: z.enum(["api", "playground"]),
  endpoint: z.enum(["openai", "anthropic", "responses"]),
  model: z.string(),
  stream: z.boolean(),
});
type CallDetails = z.infer<typeof CallDetails>;

/** The charge row's note: what the call is, so that its log row can be written after a crash. */
export function callNote(details: CallDetails): string {
  return JSON.stringify(details);
}

function readNote(note: string | null): CallDetails {
  try {
    return CallDetails.parse(JSON.parse(note ?? ""));
  } catch {
    return { apiKeyId: null, source: "api", endpoint: "openai", model: "unknown", stream: false };
  }
}

const STATUS = 500;
const BATCH = 200;

interface UnsettledCharge {
  id: string;
  requestId: string;
  userId: string;
  delta: number | bigint;
  note: string | null;
  createdAt: Date | string;
  /** The call's log row, in progress (output went out), or null: none was written. */
  logId: string | null;
}

// Charges after the sweep's mark and before the cutoff with no final log row, in ledger order.
// Ledger ids are time-ordered, so the range is a walk along the primary key.
const UNSETTLED = `SELECT c."id", c."requestId", c."userId", c."delta", c."note", c."createdAt", r."id" AS "logId"
  FROM "CreditLedger" c LEFT JOIN "RequestLog" r ON r."id" = c."requestId"
  WHERE c."id" > ? AND c."id" < ? AND c."reason" = 'charge' AND c."requestId" IS NOT NULL
    AND (r."id" IS NULL OR r."errorCode" = '${IN_PROGRESS}')
  ORDER BY c."id" LIMIT ${BATCH}`;

const LOG_COLUMNS = [
  "id",
  "userId",
  "apiKeyId",
  "source",
  "endpoint",
  "model",
  "status",
  "stream",
  "latencyMs",
  "credits",
  "errorCode",
  "createdAt",
] as const;
// A key deleted since the call leaves the row without one, as its deletion would have. (WHERE:
// SQLite's parser needs one before ON CONFLICT in INSERT … SELECT.)
const INSERT_LOG = `INSERT INTO "RequestLog" (${LOG_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${LOG_COLUMNS.map((c) => (c === "apiKeyId" ? `(SELECT "id" FROM "ApiKey" WHERE "id" = ?)` : "?")).join(", ")}
  WHERE true ON CONFLICT ("id") DO NOTHING`;

// Raw SQL on the ORM's pool (the scan may take a while; the hot connection is synchronous on SQLite).
function query<T>(sql: string, ...params: string[]): Promise<T[]> {
  return db().$queryRawUnsafe<T[]>(
    dbProvider() === "postgresql" ? toPostgresPlaceholders(sql) : sql,
    ...params,
  );
}

/** Settles one interrupted call; returns how, or null when another sweep got there first. */
async function settleCharge(charge: UnsettledCharge): Promise<"refunded" | "charged" | null> {
  if (charge.logId) {
    const changed = await hotExecute(
      `UPDATE "RequestLog" SET "status" = ?, "errorCode" = ? WHERE "id" = ? AND "errorCode" = ?`,
      [STATUS, INTERRUPTED, charge.requestId, IN_PROGRESS],
    );
    return changed ? "charged" : null;
  }
  // Refund first: a crash before the log row leaves the call for the next sweep, whose refund is a no-op.
  await refundCredits({ userId: charge.userId, cost: -Number(charge.delta), requestId: charge.requestId });
  const call = readNote(charge.note);
  const row: Record<(typeof LOG_COLUMNS)[number], HotParam> = {
    id: charge.requestId,
    userId: charge.userId,
    ...call,
    status: STATUS,
    latencyMs: 0,
    credits: 0,
    errorCode: INTERRUPTED,
    // The hour and day the call was made, for the usage charts.
    createdAt: new Date(charge.createdAt),
  };
  const inserted = await hotExecute(
    INSERT_LOG,
    LOG_COLUMNS.map((c) => row[c]),
  );
  return inserted ? "refunded" : null;
}

/** The ledger id every time-ordered id made before `ms` sorts below. */
function idAt(ms: number): string {
  return Math.floor(ms).toString(16).padStart(12, "0");
}

async function advanceMark(through: string) {
  await hotExecute(
    `INSERT INTO "ReservationSweep" ("id", "through") VALUES (1, ?)
     ON CONFLICT ("id") DO UPDATE SET "through" = excluded."through"
     WHERE "ReservationSweep"."through" < excluded."through"`,
    [through],
  );
}

/**
 * Settles every reservation older than `settledWithinMs` that its call never settled: refunded
 * (or left charged when output went out) and logged as interrupted, one info line per call.
 */
export async function sweepReservations({
  settledWithinMs,
  now = Date.now(),
}: {
  settledWithinMs: number;
  now?: number;
}): Promise<{ refunded: number; charged: number }> {
  const cutoff = idAt(now - settledWithinMs);
  const [mark] = await query<{ through: string }>(`SELECT "through" FROM "ReservationSweep" WHERE "id" = 1`);
  let after = mark?.through ?? "";
  const done = { refunded: 0, charged: 0 };
  for (;;) {
    const charges = await query<UnsettledCharge>(UNSETTLED, after, cutoff);
    for (const charge of charges) {
      const outcome = await settleCharge(charge);
      if (!outcome) continue;
      done[outcome] += 1;
      logger.info(
        { requestId: charge.requestId, userId: charge.userId, outcome },
        "reservation of an interrupted call settled",
      );
    }
    const last = charges.at(-1);
    if (charges.length < BATCH || !last) break;
    after = last.id;
    await advanceMark(after);
  }
  await advanceMark(cutoff);
  logger.info({ ...done, through: new Date(now - settledWithinMs).toISOString() }, "reservation sweep done");
  return done;
}

/**
 * Sweeps now and every `settledWithinMs / 2` (one sweep at a time in this process); a failed
 * sweep is logged and the next one covers its range. Returns a stop function.
 */
export function startReservationSweeps({ settledWithinMs }: { settledWithinMs: number }): () => void {
  let running = false;
  const sweep = () => {
    if (running) return;
    running = true;
    sweepReservations({ settledWithinMs })
      .then(({ refunded }) => reconciliationRefunds.inc(refunded))
      .catch((error: unknown) => logger.error({ err: error }, "reservation sweep failed"))
      .finally(() => {
        running = false;
      });
  };
  sweep();
  const timer = setInterval(sweep, Math.max(1_000, settledWithinMs / 2));
  timer.unref();
  return () => clearInterval(timer);
}
