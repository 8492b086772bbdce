import "server-only";
import { db } from "@/lib/db";
import { RESPONSE_RETENTION_DAYS } from "@/lib/gateway/responses/limits";

// Stored Responses API responses (`store: true`, the default), kept RESPONSE_RETENTION_DAYS for
// `previous_response_id`, GET and input_items. Every query is scoped by the owner's user id, so
// another account's response id behaves exactly like one that does not exist. An expired row is
// gone: reads never return it, and each new save deletes every expired row (the expiry index
// makes that cheap), so no sweep process is needed.

export { RESPONSE_RETENTION_DAYS };

const DAY_MS = 86_400_000;

export interface StoredResponseRow {
  id: string;
  userId: string;
  apiKeyId: string | null;
  model: string;
  previousResponseId: string | null;
  /** This request's own input items. */
  input: unknown[];
  /** The conversation before this request's input. */
  history: unknown[];
  response: Record<string, unknown>;
  createdAt: Date;
}

export async function saveResponse(
  row: Omit<StoredResponseRow, "createdAt">,
  now: Date = new Date(),
): Promise<void> {
  await db().storedResponse.deleteMany({ where: { expiresAt: { lte: now } } });
  await db().storedResponse.create({
    data: {
      id: row.id,
      userId: row.userId,
      apiKeyId: row.apiKeyId,
      model: row.model,
      previousResponseId: row.previousResponseId,
      input: JSON.stringify(row.input),
      history: JSON.stringify(row.history),
      response: JSON.stringify(row.response),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESPONSE_RETENTION_DAYS * DAY_MS),
    },
  });
}

/** The owner's unexpired response, or null (unknown, expired, deleted or another account's). */
export async function findResponse(
  userId: string,
  id: string,
  now: Date = new Date(),
): Promise<StoredResponseRow | null> {
  const row = await db().storedResponse.findFirst({ where: { id, userId, expiresAt: { gt: now } } });
  if (!row) return null;
  return {
    id: row.id,
    userId: row.userId,
    apiKeyId: row.apiKeyId,
    model: row.model,
    previousResponseId: row.previousResponseId,
    input: JSON.parse(row.input) as unknown[],
    history: JSON.parse(row.history) as unknown[],
    response: JSON.parse(row.response) as Record<string, unknown>,
    createdAt: row.createdAt,
  };
}

/** Deletes the owner's response; false when there was none to delete. */
export async function deleteResponse(userId: string, id: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await db().storedResponse.deleteMany({ where: { id, userId, expiresAt: { gt: now } } });
  return count > 0;
}
