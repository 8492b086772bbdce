import "server-only";
import {
  assertWithinQuota,
  conversationBytes,
  lockConversationStorage,
  messageBytes,
  storageUsed,
} from "@/lib/data/conversation-quota";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import {
  type Branches,
  type ConversationDetail,
  type ConversationSummary,
  DEFAULT_TITLE,
  MESSAGE_STATUSES,
  type MessageInput,
  type MessageStatus,
  type ReplyStats,
  replyStatsSchema,
  type SavedConversation,
  titleFromMessage,
} from "@/lib/playground/conversation";
import type { PlaygroundSettings } from "@/lib/playground/settings";

// Saved playground conversations and per-user default settings. Every query is scoped by userId,
// so another user's conversation id behaves exactly like one that does not exist.

const LIST_LIMIT = 200;

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const summary = (c: { id: string; title: string; model: string; updatedAt: Date }): ConversationSummary => ({
  id: c.id,
  title: c.title,
  model: c.model,
  updatedAt: c.updatedAt.toISOString(),
});

function messageRows(conversationId: string, messages: MessageInput[]) {
  return messages.map((m, position) => ({
    conversationId,
    position,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    model: m.model,
    stats: m.stats ? JSON.stringify(m.stats) : null,
    status: m.status,
    branches: m.branches ? JSON.stringify(m.branches) : null,
  }));
}

/**
 * A reply left "streaming" that nothing has written to for longer than a stream may stay silent
 * was cut off by a crash or a restart: it reads as interrupted.
 */
export function streamStaleAfterMs(): number {
  return env().UPSTREAM_IDLE_TIMEOUT_MS + 60_000;
}

function readStatus(status: string, updatedAt: Date, now = Date.now()): MessageStatus {
  if (status === "streaming")
    return now - updatedAt.getTime() > streamStaleAfterMs() ? "interrupted" : "streaming";
  return (MESSAGE_STATUSES as readonly string[]).includes(status) ? (status as MessageStatus) : "complete";
}

const inOrder = (rows: Array<{ id: string; position: number }>) =>
  rows.toSorted((a, b) => a.position - b.position).map((r) => r.id);

const firstUserText = (messages: MessageInput[]) => messages.find((m) => m.role === "user")?.content ?? "";

export async function listConversations({ userId }: { userId: string }): Promise<ConversationSummary[]> {
  const rows = await db().conversation.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take: LIST_LIMIT,
    select: { id: true, title: true, model: true, updatedAt: true },
  });
  return rows.map(summary);
}

export async function createConversation(input: {
  userId: string;
  title?: string;
  settings: PlaygroundSettings;
  messages: MessageInput[];
}): Promise<SavedConversation> {
  const title = input.title ?? titleFromMessage(firstUserText(input.messages));
  const settings = JSON.stringify(input.settings);
  const messages = messageRows("", input.messages);
  return db().$transaction(async (tx) => {
    await lockConversationStorage(tx, input.userId);
    const used = await storageUsed(tx, { userId: input.userId });
    assertWithinQuota(used, { creates: true, bytes: conversationBytes({ title, settings, messages }) });
    const created = await tx.conversation.create({
      data: { userId: input.userId, title, model: input.settings.model, settings },
    });
    const ids =
      messages.length > 0
        ? await tx.message.createManyAndReturn({
            data: messages.map((m) => ({ ...m, conversationId: created.id })),
            select: { id: true, position: true },
          })
        : [];
    return { conversation: summary(created), messageIds: inOrder(ids) };
  });
}

export async function getConversation({
  userId,
  id,
}: {
  userId: string;
  id: string;
}): Promise<ConversationDetail | null> {
  const row = await db().conversation.findFirst({
    where: { id, userId },
    include: { messages: { orderBy: { position: "asc" } } },
  });
  if (!row) return null;
  const now = Date.now();
  return {
    ...summary(row),
    settings: parseJson(row.settings),
    messages: row.messages.map((m) => {
      const stats = replyStatsSchema.safeParse(parseJson(m.stats));
      return {
        id: m.id,
        role: m.role === "assistant" ? "assistant" : "user",
        content: m.content,
        reasoning: m.reasoning,
        model: m.model,
        stats: stats.success ? stats.data : null,
        status: readStatus(m.status, m.updatedAt, now),
        branches: parseJson(m.branches) as Branches | null,
      };
    }),
  };
}

export async function updateConversation(input: {
  userId: string;
  id: string;
  title?: string;
  settings?: PlaygroundSettings;
}): Promise<ConversationSummary | null> {
  return db().$transaction(async (tx) => {
    await lockConversationStorage(tx, input.userId);
    const existing = await tx.conversation.findFirst({
      where: { id: input.id, userId: input.userId },
      select: { title: true, settings: true },
    });
    if (!existing) return null;
    const data = {
      title: input.title ?? existing.title,
      settings: input.settings ? JSON.stringify(input.settings) : existing.settings,
      ...(input.settings ? { model: input.settings.model } : {}),
    };
    // Its messages stay as they are: only the title's and the settings' bytes change.
    const used = await storageUsed(tx, { userId: input.userId, id: input.id });
    const bytes =
      used.current -
      conversationBytes({ ...existing, messages: [] }) +
      conversationBytes({ ...data, messages: [] });
    assertWithinQuota(used, { creates: false, bytes });
    return summary(await tx.conversation.update({ where: { id: input.id }, data }));
  });
}

/**
 * Replaces the whole message list (what edit-and-resend, regenerate and delete produce). A
 * conversation still called "New chat" takes its name from its first user message.
 */
export async function replaceMessages(input: {
  userId: string;
  id: string;
  messages: MessageInput[];
  settings?: PlaygroundSettings;
}): Promise<SavedConversation | null> {
  return db().$transaction(async (tx) => {
    // The user's lock first: two concurrent saves run one after the other (the last one wins)
    // instead of interleaving their deletes and inserts, and the quota sees each one's result.
    await lockConversationStorage(tx, input.userId);
    const existing = await tx.conversation.findFirst({ where: { id: input.id, userId: input.userId } });
    if (!existing) return null;
    const data: { title: string; settings: string; model?: string; updatedAt: Date } = {
      title:
        existing.title === DEFAULT_TITLE && firstUserText(input.messages)
          ? titleFromMessage(firstUserText(input.messages))
          : existing.title,
      settings: input.settings ? JSON.stringify(input.settings) : existing.settings,
      updatedAt: new Date(),
    };
    if (input.settings) data.model = input.settings.model;
    const rows = messageRows(existing.id, input.messages);
    const used = await storageUsed(tx, { userId: input.userId, id: existing.id });
    assertWithinQuota(used, { creates: false, bytes: conversationBytes({ ...data, messages: rows }) });
    await tx.message.deleteMany({ where: { conversationId: existing.id } });
    const ids =
      rows.length > 0
        ? await tx.message.createManyAndReturn({ data: rows, select: { id: true, position: true } })
        : [];
    const conversation = summary(await tx.conversation.update({ where: { id: existing.id }, data }));
    return { conversation, messageIds: inOrder(ids) };
  });
}

/**
 * Whether `messageId` is a reply placeholder ("streaming") in the user's conversation
 * `conversationId`: the playground chat writes its reply there as it streams.
 */
export async function findStreamingMessage(input: {
  userId: string;
  conversationId: string;
  messageId: string;
}): Promise<boolean> {
  const row = await db().message.findFirst({
    where: {
      id: input.messageId,
      status: "streaming",
      conversation: { id: input.conversationId, userId: input.userId },
    },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Writes a streaming reply's text so far (or its end, with a final status) into its placeholder.
 * False when there is nothing to write to any more (the conversation was rewritten or deleted) or
 * the text would pass the user's storage cap: the caller stops writing.
 */
export async function writeStreamingReply(input: {
  userId: string;
  messageId: string;
  content: string;
  reasoning: string | null;
  status: MessageStatus;
  stats?: ReplyStats | null;
}): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await lockConversationStorage(tx, input.userId);
    const row = await tx.message.findFirst({
      where: { id: input.messageId, status: "streaming", conversation: { userId: input.userId } },
    });
    if (!row) return false;
    const next = {
      content: input.content,
      reasoning: input.reasoning,
      stats: input.stats ? JSON.stringify(input.stats) : row.stats,
      status: input.status,
    };
    const used = await storageUsed(tx, { userId: input.userId, id: row.conversationId });
    const bytes = used.current - messageBytes(row) + messageBytes({ ...row, ...next });
    try {
      assertWithinQuota(used, { creates: false, bytes });
    } catch {
      // Past the cap the text stays as last saved; the end still leaves "streaming".
      if (input.status !== "streaming")
        await tx.message.update({ where: { id: row.id }, data: { status: input.status } });
      return false;
    }
    await tx.message.update({ where: { id: row.id }, data: next });
    if (input.status !== "streaming")
      await tx.conversation.update({ where: { id: row.conversationId }, data: { updatedAt: new Date() } });
    return true;
  });
}

export async function deleteConversation({ userId, id }: { userId: string; id: string }): Promise<boolean> {
  const { count } = await db().conversation.deleteMany({ where: { id, userId } });
  return count > 0;
}

/** The user's default playground settings as stored (read leniently by the caller), or null. */
export async function getUserSettings({ userId }: { userId: string }): Promise<unknown> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { settings: true } });
  return parseJson(row?.settings ?? null);
}

export async function saveUserSettings({
  userId,
  settings,
}: {
  userId: string;
  settings: PlaygroundSettings;
}) {
  await db().user.update({ where: { id: userId }, data: { settings: JSON.stringify(settings) } });
}
