import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  MAX_CONVERSATION_BYTES_PER_USER as MAX_BYTES,
  MAX_CONVERSATIONS_PER_USER as MAX_COUNT,
} from "@/lib/playground/conversation";
import { closeDbTarget, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const { assertWithinQuota } = await import("@/lib/data/conversation-quota");

describe("assertWithinQuota", () => {
  it.each<
    [string, { count: number; bytes: number; current: number }, { creates: boolean; bytes: number }, boolean]
  >([
    ["a first conversation", { count: 0, bytes: 0, current: 0 }, { creates: true, bytes: 100 }, true],
    [
      "the last one the count allows",
      { count: MAX_COUNT - 1, bytes: 0, current: 0 },
      { creates: true, bytes: 1 },
      true,
    ],
    ["one past the count", { count: MAX_COUNT, bytes: 0, current: 0 }, { creates: true, bytes: 1 }, false],
    [
      "rewriting one at the count",
      { count: MAX_COUNT, bytes: 10, current: 10 },
      { creates: false, bytes: 20 },
      true,
    ],
    [
      "exactly the byte cap",
      { count: 1, bytes: MAX_BYTES - 10, current: 0 },
      { creates: true, bytes: 10 },
      true,
    ],
    [
      "one byte past it",
      { count: 1, bytes: MAX_BYTES - 10, current: 0 },
      { creates: true, bytes: 11 },
      false,
    ],
    [
      "a rewrite counts once",
      { count: 1, bytes: MAX_BYTES, current: 100 },
      { creates: false, bytes: 100 },
      true,
    ],
    [
      "a rewrite that grows past it",
      { count: 1, bytes: MAX_BYTES, current: 100 },
      { creates: false, bytes: 101 },
      false,
    ],
    [
      "a shrinking rewrite while over",
      { count: 1, bytes: MAX_BYTES * 2, current: 100 },
      { creates: false, bytes: 50 },
      true,
    ],
  ])("%s", (_name, used, write, allowed) => {
    const outcome = () => assertWithinQuota(used, write);
    if (allowed) expect(outcome).not.toThrow();
    else
      expect(outcome).toThrow(expect.objectContaining({ code: "conversation_limit_reached", status: 403 }));
  });
});

const { targets, cleanup } = dbTargets("conversation-quota");
afterAll(cleanup);

describe.each(targets)("saved conversations' caps on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let conversations: typeof import("@/lib/data/conversations");
  let quota: typeof import("@/lib/data/conversation-quota");
  let users: typeof import("@/lib/data/users");
  const settings = {
    model: "kimi-k2",
    systemPrompt: "Réponds en français ✓",
    temperature: 0.6,
    topP: 1,
    maxTokens: 1024,
    presencePenalty: 0,
    frequencyPenalty: 0,
    topK: 0,
    n: 1,
    stop: [],
    seed: null,
    responseFormat: "text",
    thinking: false,
  } as never;

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    conversations = await import("@/lib/data/conversations");
    quota = await import("@/lib/data/conversation-quota");
    users = await import("@/lib/data/users");
  });
  afterAll(() => closeDbTarget(dbMod));

  const newUser = () =>
    users.createUser({
      email: `quota-${randomUUID()}@test.kimi.local`,
      password: `pw-${randomUUID()}`,
      signupCredits: 0,
    });

  async function used(userId: string, id?: string) {
    return dbMod.db().$transaction((tx) => quota.storageUsed(tx, { userId, id }));
  }

  it("counts in SQL the very bytes conversationBytes counts (multi-byte text, empty fields)", async () => {
    const user = await newUser();
    const messages = [
      {
        role: "user" as const,
        content: "日本語のテキスト 🚀",
        reasoning: null,
        model: null,
        stats: null,
        status: "complete" as const,
        branches: null,
      },
      {
        role: "assistant" as const,
        content: "Ça marche.",
        reasoning: "Denken…",
        model: "kimi-k2",
        stats: {
          promptTokens: 3,
          completionTokens: 4,
          estimated: false,
          ttftMs: 12,
          tokensPerSecond: 40,
          credits: 1,
          upstream: "primary",
          finishReason: "stop",
          outcome: "done",
          errorMessage: null,
          alternatives: [],
        },
        status: "complete" as const,
        branches: null,
      },
    ];
    const created = await conversations.createConversation({ userId: user.id, settings, messages });
    const row = await dbMod.db().conversation.findUniqueOrThrow({
      where: { id: created.conversation.id },
      include: { messages: true },
    });
    const expected = quota.conversationBytes(row);
    expect(expected).toBeGreaterThan(Buffer.byteLength(JSON.stringify(messages)) / 2);
    expect(await used(user.id, created.conversation.id)).toEqual({
      count: 1,
      bytes: expected,
      current: expected,
    });
    expect(await used(user.id)).toEqual({ count: 1, bytes: expected, current: 0 });
    // Another user's conversation is neither counted nor "current".
    expect(await used((await newUser()).id, created.conversation.id)).toEqual({
      count: 0,
      bytes: 0,
      current: 0,
    });
  });

  it(`parallel creates stop at ${MAX_COUNT}: the rest are refused with conversation_limit_reached`, async () => {
    const user = await newUser();
    await dbMod.db().conversation.createMany({
      data: Array.from({ length: MAX_COUNT - 5 }, (_, i) => ({
        userId: user.id,
        title: `seed ${i}`,
        model: "kimi-k2",
        settings: "{}",
      })),
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        conversations.createConversation({ userId: user.id, settings, messages: [] }),
      ),
    );
    const refused = outcomes
      .filter((o) => o.status === "rejected")
      .map((o) => (o as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(15);
    expect(new Set(refused.map((e: { code?: string }) => e.code))).toEqual(
      new Set(["conversation_limit_reached"]),
    );
    expect(await dbMod.db().conversation.count({ where: { userId: user.id } })).toBe(MAX_COUNT);
  });

  it("a rewrite or a settings change that would pass the byte cap is refused, and nothing changes", async () => {
    const user = await newUser();
    const created = await conversations.createConversation({
      userId: user.id,
      settings,
      messages: [
        {
          role: "user",
          content: "keep me",
          reasoning: null,
          model: null,
          stats: null,
          status: "complete" as const,
          branches: null,
        },
      ],
    });
    // Bring the account to a few bytes under the cap.
    const filler = await dbMod.db().conversation.create({
      data: { userId: user.id, title: "filler", model: "kimi-k2", settings: "{}" },
    });
    const room = MAX_BYTES - (await used(user.id)).bytes - 100;
    await dbMod.db().message.create({
      data: { conversationId: filler.id, position: 0, role: "user", content: "x".repeat(room) },
    });
    const big = [
      {
        role: "user" as const,
        content: "y".repeat(200),
        reasoning: null,
        model: null,
        stats: null,
        status: "complete" as const,
        branches: null,
      },
    ];
    await expect(
      conversations.replaceMessages({ userId: user.id, id: created.conversation.id, messages: big }),
    ).rejects.toMatchObject({
      code: "conversation_limit_reached",
    });
    const longPrompt = { ...(settings as object), systemPrompt: "z".repeat(200) } as never;
    await expect(
      conversations.updateConversation({
        userId: user.id,
        id: created.conversation.id,
        settings: longPrompt,
      }),
    ).rejects.toMatchObject({ code: "conversation_limit_reached" });
    const after = await conversations.getConversation({ userId: user.id, id: created.conversation.id });
    expect(after?.messages.map((m) => m.content)).toEqual(["keep me"]);
    // Shrinking always works, and a small growth within the room left too.
    const small = [
      {
        role: "user" as const,
        content: "ok",
        reasoning: null,
        model: null,
        stats: null,
        status: "complete" as const,
        branches: null,
      },
    ];
    expect(
      await conversations.replaceMessages({ userId: user.id, id: created.conversation.id, messages: small }),
    ).not.toBeNull();
    expect(
      await conversations.updateConversation({
        userId: user.id,
        id: created.conversation.id,
        title: "Renamed",
      }),
    ).toMatchObject({
      title: "Renamed",
    });
  });
});
