import "server-only";
import { dbProvider, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_CONVERSATION_BYTES_PER_USER, MAX_CONVERSATIONS_PER_USER } from "@/lib/playground/conversation";

// What one account may keep of saved conversations: a count and the bytes of their stored text
// (titles, settings, messages). Every write that adds or grows a conversation checks both in its
// own transaction, under a per-user lock taken first, so parallel saves run one after the other
// and cannot pass the caps together.

/**
 * Serialises this user's conversation writes until the transaction ends. PostgreSQL: an advisory
 * lock (the user's row would also hold up the API's credit reservations, which update it). SQLite:
 * the database's write lock, which a no-op update takes for the rest of the transaction.
 */
export async function lockConversationStorage(tx: Tx, userId: string): Promise<void> {
  if (dbProvider() === "postgresql")
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`conversations:${userId}`}, 0))`;
  else await tx.$executeRaw`UPDATE "User" SET "updatedAt" = "updatedAt" WHERE "id" = ${userId}`;
}

const bytes = (text: string | null | undefined) => (text ? Buffer.byteLength(text) : 0);

/** A conversation's stored bytes, counted over the same columns as storageUsed. */
export function conversationBytes(row: {
  title: string;
  settings: string;
  messages: Array<MessageBytes>;
}): number {
  let total = bytes(row.title) + bytes(row.settings);
  for (const m of row.messages) total += messageBytes(m);
  return total;
}

interface MessageBytes {
  content: string;
  reasoning: string | null;
  model: string | null;
  stats: string | null;
  branches?: string | null;
}

/** One message's stored bytes (its earlier branches included). */
export function messageBytes(m: MessageBytes): number {
  return bytes(m.content) + bytes(m.reasoning) + bytes(m.model) + bytes(m.stats) + bytes(m.branches);
}

export interface StorageUsed {
  count: number;
  /** Bytes of all the user's conversations. */
  bytes: number;
  /** Bytes of the one conversation `id` names (0 without one). */
  current: number;
}

/** The user's conversation count and bytes, and those of the conversation about to be rewritten. */
export async function storageUsed(
  tx: Tx,
  { userId, id = "" }: { userId: string; id?: string },
): Promise<StorageUsed> {
  type Big = number | bigint;
  // octet_length counts bytes without decoding the text (SQLite and PostgreSQL): cheap at the caps.
  const [row] = await tx.$queryRaw<
    Array<{ count: Big; own: Big; messages: Big; currentOwn: Big; currentMessages: Big }>
  >`
    WITH own AS (
      SELECT "id", octet_length("title") + octet_length("settings") AS "bytes"
      FROM "Conversation" WHERE "userId" = ${userId}
    ), messages AS (
      SELECT m."conversationId" AS "id", octet_length(m."content") + COALESCE(octet_length(m."reasoning"), 0)
        + COALESCE(octet_length(m."model"), 0) + COALESCE(octet_length(m."stats"), 0)
        + COALESCE(octet_length(m."branches"), 0) AS "bytes"
      FROM "Message" m JOIN own ON own."id" = m."conversationId"
    )
    SELECT
      (SELECT COUNT(*) FROM own) AS "count",
      (SELECT COALESCE(SUM("bytes"), 0) FROM own) AS "own",
      (SELECT COALESCE(SUM("bytes"), 0) FROM messages) AS "messages",
      (SELECT COALESCE(SUM("bytes"), 0) FROM own WHERE "id" = ${id}) AS "currentOwn",
      (SELECT COALESCE(SUM("bytes"), 0) FROM messages WHERE "id" = ${id}) AS "currentMessages"`;
  return {
    count: Number(row?.count ?? 0),
    bytes: Number(row?.own ?? 0) + Number(row?.messages ?? 0),
    current: Number(row?.currentOwn ?? 0) + Number(row?.currentMessages ?? 0),
  };
}

/**
 * Refuses a new conversation past the count cap, and a write that grows the user's bytes past the
 * byte cap (one that shrinks a conversation always passes, so an account over the cap can tidy up).
 */
export function assertWithinQuota(used: StorageUsed, write: { creates: boolean; bytes: number }): void {
  if (write.creates && used.count >= MAX_CONVERSATIONS_PER_USER) {
    throw new AppError(
      "conversation_limit_reached",
      `You have ${MAX_CONVERSATIONS_PER_USER} saved conversations, the most an account keeps. Delete old conversations to save new ones.`,
    );
  }
  const after = used.bytes - used.current + write.bytes;
  if (write.bytes > used.current && after > MAX_CONVERSATION_BYTES_PER_USER) {
    throw new AppError(
      "conversation_limit_reached",
      `Your saved conversations would pass the ${MAX_CONVERSATION_BYTES_PER_USER / 1024 / 1024} MB an account keeps. Delete old conversations to save more.`,
    );
  }
}
