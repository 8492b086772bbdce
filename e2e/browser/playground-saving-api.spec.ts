import type { APIRequestContext, Page } from "@playwright/test";
import { BASE_URL, createAccount, creditState, expect, SAVED_SETTINGS, signIn, test } from "../fixtures";

// POST /api/playground/chat?conversation=…&message=… writes the reply into the user's own
// "streaming" placeholder as it streams; anyone else's is a 404 that costs nothing.

const ORIGIN = { Origin: BASE_URL };

async function signedIn(page: Page, credits = 20) {
  const account = await createAccount({ credits });
  await signIn(page, account, "/playground");
  return { api: page.request, id: account.id };
}

async function withPlaceholder(api: APIRequestContext) {
  const res = await api.post("/api/conversations", {
    headers: ORIGIN,
    data: {
      settings: SAVED_SETTINGS,
      messages: [
        { role: "user", content: "Tell me about herons" },
        { role: "assistant", content: "", status: "streaming" },
      ],
    },
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { conversation: { id: string }; messageIds: string[] };
  return { conversationId: body.conversation.id, messageId: body.messageIds[1] as string };
}

const chat = (api: APIRequestContext, target: { conversationId: string; messageId: string }) =>
  api.post(
    `/api/playground/chat?${new URLSearchParams({ conversation: target.conversationId, message: target.messageId })}`,
    {
      headers: ORIGIN,
      data: { model: "kimi-k2", messages: [{ role: "user", content: "Tell me about herons" }], stream: true },
    },
  );

test("the reply is written into the owner's placeholder, complete with its text and cost", async ({
  page,
}) => {
  const { api } = await signedIn(page);
  const target = await withPlaceholder(api);
  const res = await chat(api, target);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("[DONE]");
  await expect
    .poll(async () => {
      const c = (await (await api.get(`/api/conversations/${target.conversationId}`)).json()).conversation;
      return c.messages[1].status;
    })
    .toBe("complete");
  const saved = (await (await api.get(`/api/conversations/${target.conversationId}`)).json()).conversation;
  expect(saved.messages[1].content).toContain("herons");
  expect(saved.messages[1].stats).toMatchObject({ credits: 1, outcome: "done" });
  // Ended: the same placeholder cannot be written again.
  expect((await chat(api, target)).status()).toBe(404);
});

test("another user's conversation or message is a 404 and charges nothing", async ({ page, browser }) => {
  const { api: owner } = await signedIn(page);
  const theirs = await withPlaceholder(owner);
  const otherPage = await browser.newPage();
  const { api: other, id: otherId } = await signedIn(otherPage, 5);
  const mine = await withPlaceholder(other);
  for (const target of [
    theirs,
    { conversationId: mine.conversationId, messageId: theirs.messageId },
    { conversationId: theirs.conversationId, messageId: mine.messageId },
  ]) {
    const res = await chat(other, target);
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  }
  expect((await creditState(otherId)).balance).toBe(5);
  const still = (await (await owner.get(`/api/conversations/${theirs.conversationId}`)).json()).conversation;
  expect(still.messages[1]).toMatchObject({ content: "", status: "streaming" });
  await otherPage.close();
});
