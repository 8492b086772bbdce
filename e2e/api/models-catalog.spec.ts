import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { API_BASE, BASE_URL, creditState, expect, openaiClient, test } from "../fixtures";

// The catalog as clients meet it (config/models.json, docs/models.md): deprecated ids served by
// their successor and saying so, retired ids a 404 naming it, and kimi-k2.6's thinking switch on
// both surfaces, streamed and not, through the official SDKs.

test.use({ accountOptions: { credits: 20 } });

const DEPRECATED_AT = `@${Date.UTC(2026, 4, 25) / 1000}`;
const hello = [{ role: "user" as const, content: "Why is the sky blue?" }];

function anthropicClient(key: string) {
  return new Anthropic({ apiKey: key, baseURL: `${BASE_URL}/api`, maxRetries: 0, timeout: 60_000 });
}

function expectDeprecated(headers: Headers, successor = "kimi-k2.6") {
  expect(headers.get("deprecation")).toBe(DEPRECATED_AT);
  expect(headers.get("link")).toBe('</docs#models>; rel="deprecation"; type="text/html"');
  expect(headers.get("x-model-successor")).toBe(successor);
}

/** kimi-k2.6's body extension, which the SDK types do not know. */
type WithThinking = OpenAI.ChatCompletionCreateParamsNonStreaming & { thinking?: { type: string } };
type Reasoned = { reasoning_content?: string; content: string | null };

test("GET /v1/models lists active models first, deprecated ones marked, retired ones not", async ({
  account,
}) => {
  const res = await fetch(`${API_BASE}/models`, { headers: { authorization: `Bearer ${account.key}` } });
  const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };
  const byId = new Map(data.map((m) => [m.id, m]));
  expect(data[0]).toMatchObject({
    id: "kimi-k2.6",
    status: "active",
    thinking: true,
    thinking_mode: "toggle",
  });
  expect(byId.get("kimi-k2.6")).not.toHaveProperty("deprecated");
  expect(byId.get("kimi-k2")).toMatchObject({
    status: "deprecated",
    deprecated: true,
    successor: "kimi-k2.6",
    deprecation_date: "2026-05-25",
    thinking: false,
  });
  const firstDeprecated = data.findIndex((m) => m.status === "deprecated");
  expect(data.slice(firstDeprecated).every((m) => m.status === "deprecated")).toBe(true);
  expect(byId.has("kimi-latest")).toBe(false);
});

test("a deprecated id is served by its successor, with the headers, streamed and not", async ({
  account,
}) => {
  const openai = openaiClient(account.key);
  const { data, response } = await openai.chat.completions
    .create({ model: "kimi-k2", messages: hello })
    .withResponse();
  expect(data.model).toBe("kimi-k2");
  expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
  // kimi-k2 never thought: kimi-k2.6 serves it with thinking off.
  expect((data.choices[0]?.message as Reasoned | undefined)?.reasoning_content).toBeUndefined();
  expectDeprecated(response.headers);
  expect(response.headers.get("access-control-expose-headers")).toContain("X-Model-Successor");

  const streamed = await openai.chat.completions
    .create({ model: "kimi-k2-thinking", messages: hello, stream: true })
    .withResponse();
  expectDeprecated(streamed.response.headers);
  let reasoning = "";
  for await (const chunk of streamed.data)
    reasoning +=
      (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "";
  expect(reasoning.length).toBeGreaterThan(0);
  expect(await creditState(account.id)).toMatchObject({ balance: 18, ledgerSum: 18 });

  const active = await openai.chat.completions.create({ model: "kimi-k2.6", messages: hello }).withResponse();
  expect(active.response.headers.get("deprecation")).toBeNull();
  expect(active.response.headers.get("x-model-successor")).toBeNull();
});

test("what reaches the upstream for a deprecated id: its successor's id, its own thinking habit, no fixed values", async ({
  account,
}) => {
  const res = await openaiClient(account.key).chat.completions.create({
    model: "kimi-k2",
    messages: [{ role: "user", content: "[[sim:echo]] what reached you?" }],
    temperature: 0.3,
    top_p: 0.5,
    presence_penalty: 1,
    max_tokens: 200,
  });
  expect(JSON.parse(res.choices[0]?.message.content ?? "")).toEqual({
    model: "kimi-k2.6",
    max_tokens: 200,
    thinking: { type: "disabled" },
  });
});

test("a deprecated id on the Anthropic surface says so too", async ({ account }) => {
  const { data, response } = await anthropicClient(account.key)
    .messages.create({ model: "kimi-k2-0905", max_tokens: 512, messages: hello })
    .withResponse();
  expect(data.model).toBe("kimi-k2-0905");
  expect(data.content.map((b) => b.type)).toEqual(["text"]);
  expectDeprecated(response.headers);
});

test("a retired id is a 404 model_not_found naming the successor, uncharged, on both surfaces", async ({
  account,
}) => {
  const error = await openaiClient(account.key)
    .chat.completions.create({ model: "kimi-latest", messages: hello })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  const openaiError = error as InstanceType<typeof OpenAI.NotFoundError>;
  expect(openaiError.code).toBe("model_not_found");
  expect(openaiError.param).toBe("model");
  expect(openaiError.message).toContain("has been retired");
  expect(openaiError.message).toContain("use `kimi-k2.6` instead");

  const anthropicError = await anthropicClient(account.key)
    .messages.create({ model: "kimi-latest", max_tokens: 64, messages: hello })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(anthropicError).toBeInstanceOf(Anthropic.NotFoundError);
  expect((anthropicError as Error).message).toContain("kimi-k2.6");
  expect(await creditState(account.id)).toMatchObject({ balance: 20, ledgerSum: 20 });
});

test("kimi-k2.6 thinks by default and not when thinking is disabled, streamed and not", async ({
  account,
}) => {
  const openai = openaiClient(account.key);
  const ask = (thinking?: { type: string }) =>
    openai.chat.completions.create({
      model: "kimi-k2.6",
      messages: hello,
      ...(thinking ? { thinking } : {}),
    } as WithThinking);

  const byDefault = (await ask()).choices[0]?.message as Reasoned;
  expect(byDefault.reasoning_content?.length).toBeGreaterThan(0);
  const enabled = (await ask({ type: "enabled" })).choices[0]?.message as Reasoned;
  expect(enabled.reasoning_content?.length).toBeGreaterThan(0);
  const disabled = (await ask({ type: "disabled" })).choices[0]?.message as Reasoned;
  expect(disabled.reasoning_content).toBeUndefined();
  expect(disabled.content?.length).toBeGreaterThan(0);

  for (const [type, reasons] of [
    ["enabled", true],
    ["disabled", false],
  ] as const) {
    const stream = await openai.chat.completions.create({
      model: "kimi-k2.6",
      messages: hello,
      stream: true,
      thinking: { type },
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    let reasoning = "";
    let text = "";
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string; content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? "";
      text += delta?.content ?? "";
    }
    expect(reasoning.length > 0).toBe(reasons);
    expect(text.length).toBeGreaterThan(0);
  }

  // The deprecated kimi-k2 is served with thinking off, and may switch it on like kimi-k2.6.
  const k2 = (
    await openai.chat.completions.create({
      model: "kimi-k2",
      messages: hello,
      thinking: { type: "enabled" },
    } as WithThinking)
  ).choices[0]?.message as Reasoned;
  expect(k2.reasoning_content?.length).toBeGreaterThan(0);
  expect(await creditState(account.id)).toMatchObject({ balance: 14, ledgerSum: 14 });
});

test("a malformed thinking is a 400 naming it, uncharged", async ({ account }) => {
  const error = await openaiClient(account.key)
    .chat.completions.create({
      model: "kimi-k2.6",
      messages: hello,
      thinking: { type: "sometimes" },
    } as WithThinking)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("thinking.type");
  expect(await creditState(account.id)).toMatchObject({ balance: 20, ledgerSum: 20 });
});

test("the Anthropic thinking parameter switches kimi-k2.6, streamed and not", async ({ account }) => {
  const anthropic = anthropicClient(account.key);
  const base = { model: "kimi-k2.6", max_tokens: 4096, messages: hello };
  const cases = [
    { thinking: { type: "enabled" as const, budget_tokens: 2048 }, blocks: ["thinking", "text"] },
    { thinking: { type: "disabled" as const }, blocks: ["text"] },
  ];
  for (const { thinking, blocks } of cases) {
    const message = await anthropic.messages.create({ ...base, thinking });
    expect(message.content.map((b) => b.type)).toEqual(blocks);
    const streamed = await anthropic.messages.stream({ ...base, thinking }).finalMessage();
    expect(streamed.content.map((b) => b.type)).toEqual(blocks);
  }
  // Without the parameter, kimi-k2.6's default: it thinks.
  const byDefault = await anthropic.messages.create(base);
  expect(byDefault.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  expect(await creditState(account.id)).toMatchObject({ balance: 15, ledgerSum: 15 });
});
