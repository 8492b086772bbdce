import "server-only";
import { getCreditSummary } from "@/lib/data/credits";
import { db, dbProvider } from "@/lib/db";

// Usage aggregations for /my-credits and GET /api/user/credits. Totals use Prisma aggregates;
// the per-day and per-hour series group in SQL (one statement each, on the (userId, createdAt)
// index), with the one dialect difference — how a timestamp becomes a UTC bucket label — kept
// here. Buckets are UTC; empty ones are filled in so a chart always has 30 days / 48 hours.

export const DAYS = 30;
export const HOURS = 48;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface UsageBucket {
  /** "YYYY-MM-DD" for days, "YYYY-MM-DDTHH:00:00Z" for hours (UTC). */
  start: string;
  requests: number;
  /** Requests that ended in an error (status ≥ 400); charged only if output had gone out. */
  errors: number;
  credits: number;
  tokens: number;
}

interface BucketRow {
  bucket: string;
  requests: number | bigint;
  errors: number | bigint | null;
  credits: number | bigint | null;
  tokens: number | bigint | null;
}

async function groupByBucket(
  userId: string,
  since: Date,
  unit: "day" | "hour",
): Promise<Map<string, BucketRow>> {
  const rows =
    dbProvider() === "postgresql"
      ? await db().$queryRaw<BucketRow[]>`
          SELECT to_char("createdAt", ${unit === "day" ? "YYYY-MM-DD" : 'YYYY-MM-DD"T"HH24'}) AS "bucket",
            COUNT(*) AS "requests",
            SUM(CASE WHEN "status" >= 400 THEN 1 ELSE 0 END) AS "errors",
            SUM("credits") AS "credits",
            SUM("promptTokens" + "completionTokens") AS "tokens"
          FROM "RequestLog" WHERE "userId" = ${userId} AND "createdAt" >= ${since}
          GROUP BY 1`
      : await db().$queryRaw<BucketRow[]>`
          SELECT strftime(${unit === "day" ? "%Y-%m-%d" : "%Y-%m-%dT%H"}, "createdAt") AS "bucket",
            COUNT(*) AS "requests",
            SUM(CASE WHEN "status" >= 400 THEN 1 ELSE 0 END) AS "errors",
            SUM("credits") AS "credits",
            SUM("promptTokens" + "completionTokens") AS "tokens"
          FROM "RequestLog" WHERE "userId" = ${userId} AND "createdAt" >= ${since}
          GROUP BY 1`;
  return new Map(rows.map((r) => [r.bucket, r]));
}

function toBucket(start: string, row: BucketRow | undefined): UsageBucket {
  return {
    start,
    requests: Number(row?.requests ?? 0),
    errors: Number(row?.errors ?? 0),
    credits: Number(row?.credits ?? 0),
    tokens: Number(row?.tokens ?? 0),
  };
}

export async function getUsageByDay({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<UsageBucket[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (DAYS - 1) * DAY_MS;
  const rows = await groupByBucket(userId, new Date(first), "day");
  return Array.from({ length: DAYS }, (_, i) => {
    const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
    return toBucket(day, rows.get(day));
  });
}

export async function getUsageByHour({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<UsageBucket[]> {
  const first = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HOURS - 1) * HOUR_MS;
  const rows = await groupByBucket(userId, new Date(first), "hour");
  return Array.from({ length: HOURS }, (_, i) => {
    const hour = new Date(first + i * HOUR_MS).toISOString().slice(0, 13);
    return toBucket(`${hour}:00:00Z`, rows.get(hour));
  });
}

export interface UsageTotals {
  /** Every request logged (API and playground), errors included. */
  totalRequests: number;
  successfulRequests: number;
  /** Credits spent, net of refunds (from the ledger, so exact). */
  totalConsumed: number;
  totalTokens: number;
  /** Prompt + completion tokens per successful request, one decimal. */
  avgTokensPerRequest: number;
}

export async function getUsageTotals({ userId }: { userId: string }): Promise<UsageTotals> {
  const [all, ok, spent] = await Promise.all([
    db().requestLog.aggregate({ where: { userId }, _count: { _all: true } }),
    db().requestLog.aggregate({
      where: { userId, status: { lt: 400 } },
      _count: { _all: true },
      _sum: { promptTokens: true, completionTokens: true },
    }),
    db().creditLedger.aggregate({
      where: { userId, reason: { in: ["charge", "refund"] } },
      _sum: { delta: true },
    }),
  ]);
  const successful = ok._count._all;
  const tokens = (ok._sum.promptTokens ?? 0) + (ok._sum.completionTokens ?? 0);
  return {
    totalRequests: all._count._all,
    successfulRequests: successful,
    totalConsumed: 0 - (spent._sum.delta ?? 0),
    totalTokens: tokens,
    avgTokensPerRequest: successful === 0 ? 0 : Math.round((tokens / successful) * 10) / 10,
  };
}

export const LEDGER_PAGE_SIZE = 20;

/** One page of the ledger, newest first, with the expiry of the grant a row belongs to. */
export async function listLedger({
  userId,
  page = 1,
  pageSize = LEDGER_PAGE_SIZE,
}: {
  userId: string;
  page?: number;
  pageSize?: number;
}) {
  const [total, rows] = await Promise.all([
    db().creditLedger.count({ where: { userId } }),
    db().creditLedger.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        delta: true,
        balanceAfter: true,
        reason: true,
        note: true,
        grantId: true,
        purchaseId: true,
        requestId: true,
        createdAt: true,
      },
    }),
  ]);
  const requestIds = [...new Set(rows.map((r) => r.requestId).filter((id): id is string => id !== null))];
  // What each request-related row was for: its model and key (the activity view has the rest).
  const calls = requestIds.length
    ? await db().requestLog.findMany({
        where: { id: { in: requestIds }, userId },
        select: { id: true, model: true, source: true, apiKey: { select: { name: true } } },
      })
    : [];
  const callById = new Map(calls.map((c) => [c.id, c]));
  const grantIds = [...new Set(rows.map((r) => r.grantId).filter((id): id is string => id !== null))];
  const grants = grantIds.length
    ? await db().creditGrant.findMany({
        where: { id: { in: grantIds } },
        select: { id: true, expiresAt: true, expiredAt: true },
      })
    : [];
  const byId = new Map(grants.map((g) => [g.id, g]));
  return {
    total,
    page: Math.max(1, page),
    pages: Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map((r) => {
      const grant = r.grantId ? byId.get(r.grantId) : undefined;
      const call = r.requestId ? callById.get(r.requestId) : undefined;
      return {
        ...r,
        grantExpiresAt: grant?.expiresAt ?? null,
        grantExpiredAt: grant?.expiredAt ?? null,
        call: call
          ? {
              model: call.model,
              key: call.source === "playground" ? "Playground" : (call.apiKey?.name ?? "Deleted key"),
            }
          : null,
      };
    }),
  };
}

/** The latest ledger rows with the request each charge belongs to (the operators' CLI). */
export async function listRecentLedger({ userId, limit = 20 }: { userId: string; limit?: number }) {
  return db().creditLedger.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { delta: true, balanceAfter: true, reason: true, note: true, requestId: true, createdAt: true },
  });
}

/** The body of GET /api/user/credits (snake_case, documented on /docs). */
export async function getCreditsReport({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const [summary, totals, byDay, byHour] = await Promise.all([
    getCreditSummary({ userId, now }),
    getUsageTotals({ userId }),
    getUsageByDay({ userId, now }),
    getUsageByHour({ userId, now }),
  ]);
  return {
    object: "credits" as const,
    balance: summary.balance,
    total_consumed: totals.totalConsumed,
    total_requests: totals.totalRequests,
    successful_requests: totals.successfulRequests,
    total_tokens: totals.totalTokens,
    avg_tokens_per_request: totals.avgTokensPerRequest,
    usage_by_day: byDay.map((b) => ({
      date: b.start,
      requests: b.requests,
      errors: b.errors,
      credits: b.credits,
      tokens: b.tokens,
    })),
    usage_by_hour: byHour.map((b) => ({
      hour: b.start,
      requests: b.requests,
      errors: b.errors,
      credits: b.credits,
      tokens: b.tokens,
    })),
    grants: summary.grants
      .filter((g) => g.remaining > 0)
      .map((g) => ({
        id: g.id,
        source: g.source,
        amount: g.amount,
        remaining: g.remaining,
        expires_at: g.expiresAt?.toISOString() ?? null,
        created_at: g.createdAt.toISOString(),
      })),
  };
}
