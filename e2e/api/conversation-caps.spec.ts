import { BASE_URL, database, expect, SAVED_SETTINGS, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// Saved conversations per account: at most 200, and 50 MB of text in all, over HTTP against the
// production server — one at a time, and many at once.

const ORIGIN = { Origin: BASE_URL };
const MAX_COUNT = 200;
const MAX_BYTES = 50 * 1024 * 1024;
const settings = SAVED_SETTINGS;

/** Gives the user `count` saved conversations, written straight to the database. */
async function seedConversations(userId: string, count: number) {
  await (await database()).conversation.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      userId,
      title: `Old ${i}`,
      model: "kimi-k2",
      settings: "{}",
    })),
  });
}

const conversationCount = async (userId: string) =>
  (await database()).conversation.count({ where: { userId } });

function post(api: Awaited<ReturnType<typeof signedInContext>>, content = "Hello") {
  return api.post("/api/conversations", {
    headers: ORIGIN,
    data: { settings, messages: [{ role: "user", content }] },
  });
}

test(`the ${MAX_COUNT + 1}st conversation is refused with conversation_limit_reached until one is deleted`, async ({
  account,
}) => {
  await seedConversations(account.id, MAX_COUNT);
  const api = await signedInContext(account.email, account.password);

  const refused = await post(api);
  expect(refused.status()).toBe(403);
  const { error } = await refused.json();
  expect(error.code).toBe("conversation_limit_reached");
  expect(error.message).toContain("Delete old conversations");
  expect(await conversationCount(account.id)).toBe(MAX_COUNT);

  const [oldest] = (await (await api.get("/api/conversations")).json()).conversations.slice(-1);
  expect((await api.delete(`/api/conversations/${oldest.id}`, { headers: ORIGIN })).status()).toBe(200);
  expect((await post(api)).status()).toBe(201);
  expect(await conversationCount(account.id)).toBe(MAX_COUNT);
  await api.dispose();
});

test("parallel creates cannot pass the count together: exactly the room left is taken", async ({
  account,
}) => {
  await seedConversations(account.id, MAX_COUNT - 5);
  const api = await signedInContext(account.email, account.password);
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(api)));
  const statuses = answers.map((a) => a.status()).sort();
  expect(statuses).toEqual([...Array(5).fill(201), ...Array(15).fill(403)]);
  for (const a of answers.filter((x) => x.status() === 403))
    expect((await a.json()).error.code).toBe("conversation_limit_reached");
  expect(await conversationCount(account.id)).toBe(MAX_COUNT);
  await api.dispose();
});

test("the byte cap: a save that would pass 50 MB is refused, one that fits is kept", async ({ account }) => {
  const db = await database();
  // One old conversation of 1,000 bytes less than the cap: title "filler" and "{}" are 8 bytes.
  const filler = await db.conversation.create({
    data: { userId: account.id, title: "filler", model: "kimi-k2", settings: "{}" },
  });
  await db.message.create({
    data: {
      conversationId: filler.id,
      position: 0,
      role: "user",
      content: "x".repeat(MAX_BYTES - 8 - 1_000),
    },
  });
  const api = await signedInContext(account.email, account.password);

  const big = await post(api, "y".repeat(2_000));
  expect(big.status()).toBe(403);
  expect((await big.json()).error).toMatchObject({
    code: "conversation_limit_reached",
    message: expect.stringContaining("50 MB"),
  });

  const small = await post(api, "Hi");
  expect(small.status()).toBe(201);
  const { id } = (await small.json()).conversation;
  const grown = await api.put(`/api/conversations/${id}/messages`, {
    headers: ORIGIN,
    data: { messages: [{ role: "user", content: "z".repeat(2_000) }] },
  });
  expect(grown.status()).toBe(403);
  expect((await grown.json()).error.code).toBe("conversation_limit_reached");
  const kept = (await (await api.get(`/api/conversations/${id}`)).json()).conversation;
  expect(kept.messages.map((m: { content: string }) => m.content)).toEqual(["Hi"]);
  await api.dispose();
});
