import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, isStepCount, type LanguageModel, Output, streamText, tool } from "ai";
import { z } from "zod";
import { API_BASE, creditState, expect, test } from "../fixtures";
import { simulatedReply } from "../support/simulated";

// Vercel's AI SDK against the production server, as its users configure it: the OpenAI-compatible
// provider and the OpenAI provider's chat-completions model (`.chat()`) on /api/v1, and the
// Anthropic provider on /api/v1/messages. The simulated upstream is deterministic, so every
// answer is compared with what it says to the same prompt. (`openai(model)` is the Responses API.)

test.use({ accountOptions: { credits: 20 } });

const PROMPT = "Tell me about streaming";
// No retries, and an explicit budget (the Anthropic provider warns about unknown models without one).
const settings = { maxRetries: 0, maxOutputTokens: 1024 };
const Person = z.object({
  name: z.string(),
  age: z.number().int().min(1),
  languages: z.array(z.string()),
  role: z.enum(["engineer", "designer"]),
});
const SAMPLED_PERSON = { name: "example name", age: 1, languages: ["example languages"], role: "engineer" };

const providers = {
  "openai-compatible": (key: string) =>
    createOpenAICompatible({ name: "kimi", baseURL: API_BASE, apiKey: key, includeUsage: true }),
  "openai .chat()": (key: string) => {
    const openai = createOpenAI({ baseURL: API_BASE, apiKey: key });
    return (id: string) => openai.chat(id);
  },
  anthropic: (key: string) => {
    // The provider appends /messages to its base URL, like Anthropic's own /v1.
    const anthropic = createAnthropic({ baseURL: API_BASE, apiKey: key });
    return (id: string) => anthropic(id);
  },
} satisfies Record<string, (key: string) => (id: string) => LanguageModel>;

/** A weather tool whose calls are recorded. */
function weather() {
  const calls: unknown[] = [];
  const getWeather = tool({
    description: "Current weather in a city",
    inputSchema: z.object({ city: z.string() }),
    execute: async (input) => {
      calls.push(input);
      return { city: input.city, celsius: 21 };
    },
  });
  return { calls, tools: { get_weather: getWeather } };
}

async function balance(userId: string) {
  const state = await creditState(userId);
  expect(state.ledgerSum).toBe(state.balance);
  return state.balance;
}

for (const [name, provider] of Object.entries(providers)) {
  test.describe(name, () => {
    test("generateText answers the upstream's reply for one credit", async ({ account }) => {
      const model = provider(account.key)("kimi-k2");
      const result = await generateText({ model, prompt: PROMPT, ...settings });
      expect(result.text).toBe((await simulatedReply(PROMPT)).content);
      expect(result.finishReason).toBe("stop");
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(await balance(account.id)).toBe(19);
    });

    test("streamText streams the same reply in pieces", async ({ account }) => {
      const model = provider(account.key)("kimi-k2");
      const result = streamText({ model, prompt: PROMPT, ...settings });
      const pieces: string[] = [];
      for await (const piece of result.textStream) pieces.push(piece);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join("")).toBe((await simulatedReply(PROMPT)).content);
      expect(await result.finishReason).toBe("stop");
      expect(await balance(account.id)).toBe(19);
    });

    test("a tool loop calls the tool and answers with its result, one credit per step", async ({
      account,
    }) => {
      const { calls, tools } = weather();
      const result = await generateText({
        model: provider(account.key)("kimi-k2"),
        prompt: "Call get_weather for Paris",
        tools,
        stopWhen: isStepCount(3),
        ...settings,
      });
      expect(calls).toEqual([{ city: "example city" }]);
      expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
      expect(result.text).toMatch(
        /^The `get_weather` tool returned: \{"city":"example city","celsius":21\}\./,
      );
      expect(await balance(account.id)).toBe(18);
    });
  });
}

// `.chat()` drops the upstream's reasoning_content (it reads only OpenAI's own fields); the
// OpenAI-compatible and Anthropic providers show it.
for (const name of ["openai-compatible", "anthropic"] as const) {
  test.describe(`${name} with a thinking model`, () => {
    test("generateText and streamText show the model's reasoning", async ({ account }) => {
      const model = providers[name](account.key)("kimi-k2-thinking");
      const expected = await simulatedReply(PROMPT, { thinking: true });
      expect(expected.reasoning?.length).toBeGreaterThan(0);

      const whole = await generateText({ model, prompt: PROMPT, ...settings });
      expect(whole.finalStep.reasoningText).toBe(expected.reasoning);
      expect(whole.text).toBe(expected.content);

      const streamed = streamText({ model, prompt: PROMPT, ...settings });
      let reasoning = "";
      let text = "";
      for await (const part of streamed.fullStream) {
        if (part.type === "reasoning-delta") reasoning += part.text;
        if (part.type === "text-delta") text += part.text;
      }
      expect(reasoning).toBe(expected.reasoning);
      expect(text).toBe(expected.content);
      expect(await balance(account.id)).toBe(18);
    });

    test("a tool loop hands the reasoning back with the tool call", async ({ account }) => {
      // The upstream refuses an assistant tool call without its reasoning on a thinking model.
      const { calls, tools } = weather();
      const result = await generateText({
        model: providers[name](account.key)("kimi-k2-thinking"),
        prompt: "Call get_weather for Paris",
        tools,
        stopWhen: isStepCount(3),
        ...settings,
      });
      expect(calls).toEqual([{ city: "example city" }]);
      expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
      expect(result.steps[0]?.reasoningText?.length).toBeGreaterThan(0);
      expect(result.text).toMatch(/^The `get_weather` tool returned: /);
      expect(await balance(account.id)).toBe(18);
    });
  });
}

// Structured output: `.chat()` always sends response_format json_schema; the OpenAI-compatible
// provider does when told the endpoint supports it (without that it sends bare JSON mode).
const structured = {
  "openai .chat()": providers["openai .chat()"],
  "openai-compatible with supportsStructuredOutputs": (key: string) =>
    createOpenAICompatible({ name: "kimi", baseURL: API_BASE, apiKey: key, supportsStructuredOutputs: true }),
};
for (const [name, provider] of Object.entries(structured)) {
  test(`${name}: Output.object with a zod schema, whole and streamed`, async ({ account }) => {
    const model = provider(account.key)("kimi-k2");
    const whole = await generateText({
      model,
      prompt: "Describe a person",
      output: Output.object({ schema: Person, name: "person" }),
      ...settings,
    });
    expect(whole.output).toEqual(SAMPLED_PERSON);

    const streamed = streamText({
      model,
      prompt: "Describe a person",
      output: Output.object({ schema: Person }),
      ...settings,
    });
    const partials: unknown[] = [];
    for await (const partial of streamed.partialOutputStream) partials.push(partial);
    expect(partials.length).toBeGreaterThan(0);
    expect(await streamed.output).toEqual(SAMPLED_PERSON);
    expect(await balance(account.id)).toBe(18);
  });
}

test("openai .chat(): a reply off its schema fails the call, charged", async ({ account }) => {
  const outcome = await generateText({
    model: providers["openai .chat()"](account.key)("kimi-k2"),
    prompt: "Describe a person [[sim:off-schema]]",
    output: Output.object({ schema: Person }),
    ...settings,
  }).then(
    () => "resolved",
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(outcome).toContain("does not conform to the schema");
  expect(await balance(account.id)).toBe(19);
});
