import OpenAI from "openai";
import { API_BASE, createAccount, creditState, expect, test } from "../fixtures";

// The official `openai` client against our gateway, changing nothing but the base URL.

test.use({ accountOptions: { credits: 10 } });

function client(key: string) {
  return new OpenAI({ apiKey: key, baseURL: API_BASE, maxRetries: 0 });
}

test("lists only routable models, with the aliases", async () => {
  const account = await createAccount();
  const models = await client(account.key).models.list();
  const ids = models.data.map((m) => m.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      "kimi-k2",
      "kimi-k2-0905",
      "kimi-k2-thinking",
      "kimi-k2.6",
      "kimi-k2-6",
      "moonshot/kimi-k2-6",
    ]),
  );
  expect(models.data.every((m) => m.object === "model")).toBe(true);
});

test("non-stream completion charges exactly one credit", async ({ account }) => {
  const { data, response } = await client(account.key)
    .chat.completions.create({ model: "kimi-k2", messages: [{ role: "user", content: "Say hello" }] })
    .withResponse();
  expect(data.object).toBe("chat.completion");
  expect(data.model).toBe("kimi-k2");
  expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
  expect(data.usage?.total_tokens).toBeGreaterThan(0);
  expect(response.headers.get("x-credits-remaining")).toBe("9");
  expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  expect(response.headers.get("x-ratelimit-limit")).toBe("20");
  expect(response.headers.get("x-ratelimit-remaining")).toBe("19");
  expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
  const state = await creditState(account.id);
  expect(state).toMatchObject({ balance: 9, ledgerSum: 9 });
});

test("streams with usage and ends cleanly", async ({ account }) => {
  const stream = await client(account.key).chat.completions.create({
    model: "kimi-k2-0905",
    messages: [{ role: "user", content: "Tell me a story" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let chunks = 0;
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.usage) usage = chunk.usage;
  }
  expect(chunks).toBeGreaterThan(3);
  expect(text.length).toBeGreaterThan(10);
  expect(usage?.completion_tokens).toBeGreaterThan(0);
  expect((await creditState(account.id)).balance).toBe(9);
});

test("a thinking model passes reasoning_content through, streamed and not", async ({ account }) => {
  const openai = client(account.key);
  const res = await openai.chat.completions.create({
    model: "kimi-k2-thinking",
    messages: [{ role: "user", content: "Why is the sky blue?" }],
  });
  const message = res.choices[0]?.message as { reasoning_content?: string; content: string | null };
  expect(message.reasoning_content?.length).toBeGreaterThan(0);
  expect(message.content?.length).toBeGreaterThan(0);

  const stream = await openai.chat.completions.create({
    model: "kimi-k2-thinking",
    messages: [{ role: "user", content: "Why?" }],
    stream: true,
  });
  let reasoning = "";
  for await (const chunk of stream)
    reasoning +=
      (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "";
  expect(reasoning.length).toBeGreaterThan(0);
});
