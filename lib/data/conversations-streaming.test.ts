import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MessageInput } from "@/lib/playground/conversation";
import { closeDbTarget, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const { targets, cleanup } = dbTargets("conversations-streaming");
afterAll(cleanup);

const msg = (role: "user" | "assistant", content: string, status: MessageInput["status"] = "complete") => ({
  role,
  content,
  reasoning: null,
  model: null,
  stats: null,
  status,
  branches: null,
});

describe.each(targets)("replies saved as they stream on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let conversations: typeof import("@/lib/data/conversations");
  let users: typeof import("@/lib/data/users");
  const settings = { model: "kimi-k2" } as never;

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    conversations = await import("@/lib/data/conversations");
    users = await import("@/lib/data/users");
  });
  afterAll(() => closeDbTarget(dbMod));

  const newUser = () =>
    users.createUser({
      email: `stream-${randomUUID()}@test.kimi.local`,
      password: `pw-${randomUUID()}`,
      signupCredits: 0,
    });

  async function withPlaceholder() {
    const user = await newUser();
    const saved = await conversations.createConversation({
      userId: user.id,
      settings,
      messages: [msg("user", "hi"), msg("assistant", "", "streaming")],
    });
    const messageId = saved.messageIds[1] as string;
    return { user, conversationId: saved.conversation.id, messageId };
  }

  it("writes the text so far and the end into the owner's placeholder only", async () => {
    const { user, conversationId, messageId } = await withPlaceholder();
    const other = await newUser();
    expect(await conversations.findStreamingMessage({ userId: user.id, conversationId, messageId })).toBe(
      true,
    );
    // Another user naming the same ids finds nothing and writes nothing.
    expect(await conversations.findStreamingMessage({ userId: other.id, conversationId, messageId })).toBe(
      false,
    );
    const write = { messageId, content: "stolen", reasoning: null, status: "complete" as const };
    expect(await conversations.writeStreamingReply({ userId: other.id, ...write })).toBe(false);

    const partial = { messageId, content: "Once upon", reasoning: null, status: "streaming" as const };
    expect(await conversations.writeStreamingReply({ userId: user.id, ...partial })).toBe(true);
    let read = await conversations.getConversation({ userId: user.id, id: conversationId });
    expect(read?.messages[1]).toMatchObject({ content: "Once upon", status: "streaming" });

    const end = { messageId, content: "Once upon a time", reasoning: null, status: "interrupted" as const };
    expect(await conversations.writeStreamingReply({ userId: user.id, ...end })).toBe(true);
    read = await conversations.getConversation({ userId: user.id, id: conversationId });
    expect(read?.messages[1]).toMatchObject({ content: "Once upon a time", status: "interrupted" });
    // Ended: no longer a placeholder the chat route accepts or writes to.
    expect(await conversations.findStreamingMessage({ userId: user.id, conversationId, messageId })).toBe(
      false,
    );
    expect(await conversations.writeStreamingReply({ userId: user.id, ...partial })).toBe(false);
  });

  it("a reply left streaming past the idle bound (a crash) reads as interrupted", async () => {
    const { user, conversationId, messageId } = await withPlaceholder();
    let read = await conversations.getConversation({ userId: user.id, id: conversationId });
    expect(read?.messages[1]?.status).toBe("streaming");
    const stale = new Date(Date.now() - conversations.streamStaleAfterMs() - 1000);
    await dbMod.db().message.update({ where: { id: messageId }, data: { updatedAt: stale } });
    read = await conversations.getConversation({ userId: user.id, id: conversationId });
    expect(read?.messages[1]?.status).toBe("interrupted");
  });

  it("branches are saved with their message and read back", async () => {
    const user = await newUser();
    const branches = { active: 1, others: [[msg("user", "first try"), msg("assistant", "first answer")]] };
    const saved = await conversations.createConversation({
      userId: user.id,
      settings,
      messages: [{ ...msg("user", "second try"), branches }, msg("assistant", "second answer")],
    });
    const read = await conversations.getConversation({ userId: user.id, id: saved.conversation.id });
    expect(read?.messages[0]?.branches).toEqual(branches);
    expect(read?.messages[1]?.branches).toBeNull();
  });
});
