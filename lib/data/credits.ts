import "server-only";
import { db, dbProvider, type Tx } from "@/lib/db";
import { hotQuery, toPostgresPlaceholders } from "@/lib/db/hot";
import { withDbRetry } from "@/lib/db/retry";
import { AppError } from "@/lib/errors";
import { timeOrderedId } from "@/lib/ids";

// Credits. The ledger is the only way a balance moves: inserting a row applies its delta to
// User.balance inside the database (see the credit_ledger_triggers migration), refusing a
// negative result. So a reservation is ONE conditional statement, race-free on SQLite and
// PostgreSQL, and the ledger sum equals the balance by construction.
//
// Grants record where credits came from and when they expire. Spending is not written to grants
// on the hot path; it is allocated to them, soonest-expiring first, whenever the set of grants is
// about to change (a new grant, an expiry) or is shown. Between those moments the set of grants
// is fixed, so allocating later gives exactly what allocating per request would.

export type GrantSource = "signup" | "purchase" | "invite_signup" | "invite_purchase" | "operator";
type LedgerReason = "grant" | "charge" | "refund" | "expiry";

interface LedgerRow {
  userId: string;
  delta: number;
  reason: LedgerReason;
  idempotencyKey: string;
  requestId?: string | null;
  purchaseId?: string | null;
  grantId?: string | null;
  note?: string | null;
}

function isInsufficient(error: unknown): boolean {
  return String((error as { message?: unknown })?.message ?? "").includes("insufficient_credits");
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    message?: string;
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
  };
  return (
    e?.code === "P2002" ||
    e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    /unique constraint|UNIQUE constraint failed|duplicate key/i.test(String(e?.message ?? ""))
  );
}

// balanceAfter: SQLite computes it from the same statement's snapshot (writes are serialised);
// PostgreSQL's trigger overwrites it with the value under the row lock.
const LEDGER_INSERT = `INSERT INTO "CreditLedger" ("id", "userId", "delta", "balanceAfter", "reason", "idempotencyKey",
    "requestId", "purchaseId", "grantId", "note", "createdAt")
  SELECT ?, "id", ?, "balance" + ?, ?, ?, ?, ?, ?, ?, ? FROM "User" WHERE "id" = ?
  RETURNING "balanceAfter"`;

/**
 * Inserts one ledger row; returns the balance after it. Throws insufficient_credits. Inside a
 * transaction it runs on the transaction; otherwise on the hot-path connection.
 */
async function insertLedgerRow(tx: Tx | null, row: LedgerRow): Promise<number> {
  const params = [
    timeOrderedId(),
    row.delta,
    row.delta,
    row.reason,
    row.idempotencyKey,
    row.requestId ?? null,
    row.purchaseId ?? null,
    row.grantId ?? null,
    row.note ?? null,
    new Date(),
    row.userId,
  ];
  let rows: Array<{ balanceAfter: number | bigint }>;
  try {
    rows = tx
      ? await tx.$queryRawUnsafe<Array<{ balanceAfter: number | bigint }>>(
          dbProvider() === "postgresql" ? toPostgresPlaceholders(LEDGER_INSERT) : LEDGER_INSERT,
          ...params,
        )
      : await hotQuery<{ balanceAfter: number | bigint }>(LEDGER_INSERT, params);
  } catch (error) {
    throw isInsufficient(error) ? new AppError("insufficient_credits") : error;
  }
  const first = rows[0];
  if (!first) throw new AppError("not_found", "User not found.");
  return Number(first.balanceAfter);
}

const BALANCE_READ = `SELECT "balance" FROM "User" WHERE "id" = ?`;

/**
 * Reserves `cost` credits before calling upstream: one conditional write. Returns the balance
 * after. Throws AppError("insufficient_credits") when the balance is short, carrying `balance`:
 * the database's balance read right after the refusal (never a cached figure).
 */
export async function reserveCredits({
  userId,
  cost,
  requestId,
  note,
}: {
  userId: string;
  cost: number;
  requestId: string;
  /** What the call is, for its log row should its instance die before it settles. */
  note?: string;
}): Promise<number> {
  try {
    return await insertLedgerRow(null, {
      userId,
      delta: -cost,
      reason: "charge",
      idempotencyKey: `charge:${requestId}`,
      requestId,
      note,
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "insufficient_credits") throw error;
    // Refusals only, so the served path stays one statement.
    const [row] = await hotQuery<{ balance: number | bigint }>(BALANCE_READ, [userId]);
    throw row ? error.withBalance(Number(row.balance)) : error;
  }
}

/** Gives a reservation back (the request failed). Idempotent per request. */
export async function refundCredits({
  userId,
  cost,
  requestId,
}: {
  userId: string;
  cost: number;
  requestId: string;
}) {
  try {
    return await insertLedgerRow(null, {
      userId,
      delta: cost,
      reason: "refund",
      idempotencyKey: `refund:${requestId}`,
      requestId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** Takes the user's row lock (PostgreSQL) or the write lock (SQLite) for the transaction. */
async function lockUser(tx: Tx, userId: string) {
  await tx.$executeRaw`UPDATE "User" SET "updatedAt" = "updatedAt" WHERE "id" = ${userId}`;
}

function byExpiry(
  a: { expiresAt: Date | null; createdAt: Date },
  b: { expiresAt: Date | null; createdAt: Date },
) {
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return ea - eb || a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * Allocates spending not yet taken from grants (sum of live grants' remaining − balance) to the
 * grants, soonest-expiring first; a negative amount (refunds after an allocation) goes back to
 * the first grants that have room.
 */
async function allocateSpend(tx: Tx, userId: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  const grants = (await tx.creditGrant.findMany({ where: { userId, expiredAt: null } })).sort(byExpiry);
  let unallocated = grants.reduce((sum, g) => sum + g.remaining, 0) - user.balance;
  for (const grant of grants) {
    if (unallocated === 0) break;
    const take =
      unallocated > 0
        ? Math.min(grant.remaining, unallocated)
        : -Math.min(grant.amount - grant.remaining, -unallocated);
    if (take === 0) continue;
    await tx.creditGrant.update({ where: { id: grant.id }, data: { remaining: grant.remaining - take } });
    grant.remaining -= take;
    unallocated -= take;
  }
  return grants;
}

async function updateNextExpiry(tx: Tx, userId: string) {
  const next = await tx.creditGrant.findFirst({
    where: { userId, expiredAt: null, expiresAt: { not: null } },
    orderBy: { expiresAt: "asc" },
    select: { expiresAt: true },
  });
  await tx.user.update({ where: { id: userId }, data: { nextExpiryAt: next?.expiresAt ?? null } });
  return next?.expiresAt ?? null;
}

export interface GrantInput {
  userId: string;
  amount: number;
  source: GrantSource;
  /** Unique per grant: a second call with the same key grants nothing. */
  idempotencyKey: string;
  expiresAt?: Date | null;
  reference?: string | null;
  purchaseId?: string | null;
  note?: string | null;
  /** Run inside the caller's transaction (e.g. purchase fulfilment, sign-up). */
  tx?: Tx;
}

/** Adds a grant and its ledger row together. Returns `{ granted: false }` for a duplicate key. */
export async function grantCredits(
  input: GrantInput,
): Promise<{ granted: boolean; balance?: number; grantId?: string }> {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new AppError("invalid_request", "amount must be a positive integer");
  const run = async (tx: Tx) => {
    await lockUser(tx, input.userId);
    const existing = await tx.creditLedger.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true },
    });
    if (existing) return { granted: false };
    await allocateSpend(tx, input.userId);
    const grant = await tx.creditGrant.create({
      data: {
        userId: input.userId,
        source: input.source,
        amount: input.amount,
        remaining: input.amount,
        expiresAt: input.expiresAt ?? null,
        reference: input.reference ?? null,
      },
    });
    const balance = await insertLedgerRow(tx, {
      userId: input.userId,
      delta: input.amount,
      reason: "grant",
      idempotencyKey: input.idempotencyKey,
      purchaseId: input.purchaseId,
      grantId: grant.id,
      note: input.note ?? input.source,
    });
    await updateNextExpiry(tx, input.userId);
    return { granted: true, balance, grantId: grant.id };
  };
  if (input.tx) return run(input.tx);
  try {
    return await withDbRetry(() => db().$transaction(run));
  } catch (error) {
    // A concurrent duplicate lost the race on the unique idempotency key: nothing was granted.
    if (isUniqueViolation(error)) return { granted: false };
    throw error;
  }
}

/**
 * Removes what is left of expired grants from the balance (a ledger row each) and moves
 * `nextExpiryAt` on. Spending stops at `nextExpiryAt` until this has run; callers run it when
 * that moment has passed.
 */
export async function expireGrants({ userId, now = new Date() }: { userId: string; now?: Date }) {
  return withDbRetry(() => db().$transaction((tx) => expireIn(tx, userId, now)));
}

async function expireIn(tx: Tx, userId: string, now: Date) {
  await lockUser(tx, userId);
  const grants = await allocateSpend(tx, userId);
  for (const grant of grants) {
    if (!grant.expiresAt || grant.expiresAt > now) continue;
    if (grant.remaining > 0) {
      await insertLedgerRow(tx, {
        userId,
        delta: -grant.remaining,
        reason: "expiry",
        idempotencyKey: `expiry:${grant.id}`,
        grantId: grant.id,
        note: `${grant.source} grant expired`,
      });
    }
    await tx.creditGrant.update({ where: { id: grant.id }, data: { remaining: 0, expiredAt: now } });
  }
  return updateNextExpiry(tx, userId);
}

/** Balance and live grants with what is left of each (allocated up to now). */
export async function getCreditSummary({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { nextExpiryAt: true } });
  if (user.nextExpiryAt && user.nextExpiryAt <= now) await expireGrants({ userId, now });
  return withDbRetry(() => db().$transaction((tx) => summaryIn(tx, userId)));
}

async function summaryIn(tx: Tx, userId: string) {
  await lockUser(tx, userId);
  const grants = await allocateSpend(tx, userId);
  const { balance } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  return {
    balance,
    grants: grants.map((g) => ({
      id: g.id,
      source: g.source,
      amount: g.amount,
      remaining: g.remaining,
      expiresAt: g.expiresAt,
      createdAt: g.createdAt,
    })),
  };
}

export { isUniqueViolation };
