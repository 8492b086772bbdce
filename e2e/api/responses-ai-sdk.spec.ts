import { createOpenAI } from "@ai-sdk/openai";
import { generateText, Output, stepCountIs, streamText, tool } from "ai";
import { z } from "zod";
import { API_BASE, creditState, expect, requestLogs, test } from "../fixtures";

// The Vercel AI SDK's default OpenAI path, `openai(model)`, speaks the Responses API. Only the base
// URL and key change; a recording fetch keeps the bodies it sent, to check what reached us.

test.use({ accountOptions: { credits: 20 } });

function provider(apiKey: string) {
  const sent: Array<{ url: string; body: Record<string, unknown> }> = [];
  const openai = createOpenAI({
    baseURL: API_BASE,
    apiKey,
    fetch: async (url, init) => {
      if (typeof init?.body === "string") sent.push({ url: String(url), body: JSON.parse(init.body) });
      return fetch(url, init);
    },
  });
  return { openai, sent };
}

const weather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `21°C and clear in ${city}`,
});

test("generateText through openai(model) reaches /responses and answers, for one credit", async ({
  account,
}) => {
  const { openai, sent } = provider(account.key);
  const result = await generateText({ model: openai("kimi-k2"), system: "Be brief.", prompt: "Say hello" });
  expect(result.text.length).toBeGreaterThan(0);
  expect(result.finishReason).toBe("stop");
  expect(result.usage.inputTokens).toBeGreaterThan(0);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.url).toBe(`${API_BASE}/responses`);
  expect(sent[0]?.body).toMatchObject({
    model: "kimi-k2",
    input: [
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "input_text", text: "Say hello" }] },
    ],
  });
  expect(await creditState(account.id)).toMatchObject({ balance: 19 });
  // The log row is written off the hot path.
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(1);
  expect((await requestLogs(account.id))[0]).toMatchObject({ endpoint: "responses", credits: 1 });
});

test("streamText: the text arrives in parts and matches the final text", async ({ account }) => {
  const { openai, sent } = provider(account.key);
  const result = streamText({ model: openai("kimi-k2"), prompt: "Tell me a story" });
  const parts: string[] = [];
  for await (const part of result.textStream) parts.push(part);
  expect(parts.length).toBeGreaterThan(1);
  expect(parts.join("")).toBe(await result.text);
  expect(await result.finishReason).toBe("stop");
  expect(sent[0]?.body).toMatchObject({ stream: true });
});

test("a tool loop: the SDK runs the tool and the model answers from its result", async ({ account }) => {
  const { openai, sent } = provider(account.key);
  const result = await generateText({
    model: openai("kimi-k2"),
    tools: { get_weather: weather },
    stopWhen: stepCountIs(3),
    prompt: "What is the weather in Paris? Use get_weather.",
  });
  expect(result.steps).toHaveLength(2);
  expect(result.steps[0]?.toolCalls[0]).toMatchObject({ toolName: "get_weather" });
  expect(result.text).toContain("21°C and clear in");
  expect(sent[0]?.body.tools).toEqual([
    expect.objectContaining({ type: "function", name: "get_weather", strict: expect.any(Boolean) }),
  ]);
  // The second call replays the call and hands back the tool's output.
  const second = sent[1]?.body.input as Array<Record<string, unknown>>;
  expect(second.map((item) => item.type ?? item.role)).toEqual([
    "user",
    "function_call",
    "function_call_output",
  ]);
  expect(await creditState(account.id)).toMatchObject({ balance: 18 });
});

test("a thinking model's tool loop: reasoning shown, stored items referenced by id", async ({ account }) => {
  const { openai, sent } = provider(account.key);
  const result = await generateText({
    model: openai("kimi-k2-thinking"),
    tools: { get_weather: weather },
    stopWhen: stepCountIs(3),
    prompt: "What is the weather in Oslo? Use get_weather.",
  });
  expect(result.steps[0]?.reasoningText?.length).toBeGreaterThan(0);
  expect(result.text).toContain("21°C and clear in");
  // With store on (the default) the SDK sends the stored reasoning back as an item_reference,
  // which we resolve to the owner's stored response.
  const second = sent[1]?.body.input as Array<Record<string, unknown>>;
  expect(second.find((item) => item.type === "item_reference")?.id).toMatch(/^rs_[0-9a-f]{32}_0$/);
});

test("Output.object: a structured reply checked against the schema", async ({ account }) => {
  const { openai, sent } = provider(account.key);
  const Person = z.object({ name: z.string(), age: z.number().int() });
  const result = await generateText({
    model: openai("kimi-k2"),
    output: Output.object({ schema: Person }),
    prompt: "Invent a person",
  });
  expect(Person.parse(result.output)).toEqual(result.output);
  expect(sent[0]?.body.text).toMatchObject({ format: { type: "json_schema", strict: true } });
});
