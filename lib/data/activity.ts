import "server-only";
import type { ActivityRow } from "@/lib/activity/present";
import type { ActivityCursor, ActivityQuery } from "@/lib/activity/query";
import type { ActivityFilter } from "@/lib/activity/search";
import { IN_PROGRESS } from "@/lib/data/request-log";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// The activity view: a user's request-log rows, newest first, filtered and paged by keyset on
// (createdAt, id) — so rows arriving meanwhile never shift a page — with the key's name joined.

export interface ActivityPage {
  rows: ActivityRow[];
  /** The position of the next (older) page, if there is one. */
  older: ActivityCursor | null;
  /** The position of the previous (newer) page, if there is one. */
  newer: ActivityCursor | null;
}

function whereFor(userId: string, filter: ActivityFilter) {
  return {
    userId,
    ...(filter.keyId ? { apiKeyId: filter.keyId } : {}),
    ...(filter.model ? { model: filter.model } : {}),
    ...(filter.requestId ? { id: filter.requestId } : {}),
    ...(filter.status === "ok" ? { status: { lt: 400 }, errorCode: null } : {}),
    ...(filter.status === "failed"
      ? {
          OR: [
            { status: { gte: 400 } },
            { AND: [{ errorCode: { not: null } }, { errorCode: { not: IN_PROGRESS } }] },
          ],
        }
      : {}),
  };
}

/** Rows strictly older (or newer) than the cursor in (createdAt, id) order. */
function beyond(cursor: ActivityCursor, direction: "older" | "newer") {
  const op = direction === "older" ? "lt" : "gt";
  return {
    OR: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }],
  };
}

const SELECT = {
  id: true,
  createdAt: true,
  model: true,
  apiKeyId: true,
  apiKey: { select: { name: true } },
  source: true,
  endpoint: true,
  stream: true,
  promptTokens: true,
  completionTokens: true,
  latencyMs: true,
  status: true,
  errorCode: true,
  credits: true,
} as const;

/** Throws not_found when the filter names a key that is not the user's. */
export async function assertOwnKeyFilter({ userId, filter }: { userId: string; filter: ActivityFilter }) {
  if (!filter.keyId) return;
  const key = await db().apiKey.findFirst({ where: { id: filter.keyId, userId }, select: { id: true } });
  if (!key) throw new AppError("not_found", "No such API key.");
}

export async function listActivity({
  userId,
  query,
}: {
  userId: string;
  query: ActivityQuery;
}): Promise<ActivityPage> {
  const { filter, after, before, limit } = query;
  const where = whereFor(userId, filter);
  const newerFirst = !before;
  const found = await db().requestLog.findMany({
    where: after
      ? { AND: [where, beyond(after, "older")] }
      : before
        ? { AND: [where, beyond(before, "newer")] }
        : where,
    orderBy: newerFirst ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: SELECT,
  });
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (!newerFirst) page.reverse();
  const rows: ActivityRow[] = page.map(({ apiKey, ...r }) => ({ ...r, keyName: apiKey?.name ?? null }));
  const first = rows[0];
  const last = rows.at(-1);
  const at = (r: ActivityRow | undefined) => (r ? { createdAt: r.createdAt, id: r.id } : null);
  return {
    rows,
    older: before ? at(last) : more ? at(last) : null,
    newer: after ? at(first) : before && more ? at(first) : null,
  };
}

/** Every row of the filter, newest first, a batch at a time, up to `max` (the CSV export). */
export async function* eachActivityRow({
  userId,
  filter,
  max,
  batch = 500,
}: {
  userId: string;
  filter: ActivityFilter;
  max: number;
  batch?: number;
}): AsyncGenerator<ActivityRow> {
  let after: ActivityCursor | undefined;
  let count = 0;
  while (count < max) {
    const limit = Math.min(batch, max - count);
    const page = await listActivity({ userId, query: { filter, ...(after ? { after } : {}), limit } });
    for (const row of page.rows) yield row;
    count += page.rows.length;
    if (!page.older) return;
    after = page.older;
  }
}

/** What the filters offer: the user's keys (revoked ones too) and the models they have called. */
export async function listActivityFacets({ userId }: { userId: string }) {
  const [keys, models] = await Promise.all([
    db().apiKey.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    }),
    db().requestLog.groupBy({ by: ["model"], where: { userId }, orderBy: { model: "asc" } }),
  ]);
  return { keys, models: models.map((m) => m.model) };
}
