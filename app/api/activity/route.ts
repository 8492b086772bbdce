// GET /api/activity — the signed-in user's calls, newest first: filter by key, model, status or request; paged by cursor.
import { type ActivityRow, failureReason, keyLabel, outcomeOf, surfaceLabel } from "@/lib/activity/present";
import { encodeCursor, parseActivityQuery } from "@/lib/activity/query";
import { assertOwnKeyFilter, listActivity } from "@/lib/data/activity";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

function toJson(row: ActivityRow) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    model: row.model,
    keyId: row.apiKeyId,
    key: keyLabel(row),
    surface: surfaceLabel(row),
    stream: row.stream,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    durationMs: row.latencyMs,
    status: outcomeOf(row),
    httpStatus: row.status,
    errorCode: row.errorCode,
    reason: failureReason(row) || null,
    credits: row.credits,
  };
}

export const GET = withSession(async ({ req, user }) => {
  const query = parseActivityQuery(new URL(req.url).searchParams);
  await assertOwnKeyFilter({ userId: user.id, filter: query.filter });
  const page = await listActivity({ userId: user.id, query });
  return {
    data: page.rows.map(toJson),
    older: page.older ? encodeCursor(page.older) : null,
    newer: page.newer ? encodeCursor(page.newer) : null,
  };
});
