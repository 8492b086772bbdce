import { ChatAnthropic } from "@langchain/anthropic";
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { API_BASE, BASE_URL, creditState, expect, test } from "../fixtures";
import { simulatedReply } from "../support/simulated";

// LangChain's ChatOpenAI (chat completions on /api/v1) and ChatAnthropic (/api/v1/messages)
// against the production server. Each call's request is recorded through the clients' own
// `fetch` option, so the spec can say what LangChain sends as well as what it gets back; the
// simulated upstream is deterministic, so answers are compared with what it says to the prompt.

test.use({ accountOptions: { credits: 20 } });

const PROMPT = "Tell me about streaming";
const Person = z.object({
  name: z.string(),
  age: z.number().int().min(1),
  languages: z.array(z.string()),
  role: z.enum(["engineer", "designer"]),
});
const SAMPLED_PERSON = { name: "example name", age: 1, languages: ["example languages"], role: "engineer" };

/** A fetch that keeps every request body it sends. */
function recordingFetch() {
  const bodies: Array<Record<string, unknown>> = [];
  const recorded: typeof fetch = async (input, init) => {
    if (typeof init?.body === "string") bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    return fetch(input, init);
  };
  return { bodies, fetch: recorded };
}

function chatOpenAI(key: string, model = "kimi-k2") {
  const recorder = recordingFetch();
  const chat = new ChatOpenAI({
    model,
    apiKey: key,
    maxRetries: 0,
    configuration: { baseURL: API_BASE, fetch: recorder.fetch },
  });
  return { chat, sent: recorder.bodies };
}

function chatAnthropic(key: string, model = "kimi-k2") {
  const recorder = recordingFetch();
  const chat = new ChatAnthropic({
    model,
    apiKey: key,
    maxRetries: 0,
    // The Anthropic SDK appends /v1/messages to its base URL.
    anthropicApiUrl: `${BASE_URL}/api`,
    clientOptions: { fetch: recorder.fetch },
  });
  return { chat, sent: recorder.bodies };
}

const getWeather = tool(async ({ city }) => JSON.stringify({ city, celsius: 21 }), {
  name: "get_weather",
  description: "Current weather in a city",
  schema: z.object({ city: z.string() }),
});

/** Text of a message whose content may be blocks (ChatAnthropic) or a string. */
function textOf(message: BaseMessage): string {
  if (typeof message.content === "string") return message.content;
  return message.content.map((block) => (block.type === "text" ? String(block.text) : "")).join("");
}

async function balance(userId: string) {
  const state = await creditState(userId);
  expect(state.ledgerSum).toBe(state.balance);
  return state.balance;
}

/** Runs one tool round: the model calls get_weather, the tool answers, the model replies. */
async function toolRound(
  model: ReturnType<ChatOpenAI["bindTools"]> | ReturnType<ChatAnthropic["bindTools"]>,
) {
  const question = new HumanMessage("Call get_weather for Paris");
  const call = await model.invoke([question]);
  expect(call).toBeInstanceOf(AIMessage);
  expect(call.tool_calls?.map(({ name, args }) => ({ name, args }))).toEqual([
    { name: "get_weather", args: { city: "example city" } },
  ]);
  const firstCall = call.tool_calls?.[0];
  if (firstCall === undefined) throw new Error("no tool call");
  const result = await getWeather.invoke(firstCall);
  const answer = await model.invoke([question, call, result]);
  return textOf(answer);
}

test.describe("ChatOpenAI", () => {
  test("invoke answers the upstream's reply for one credit", async ({ account }) => {
    const { chat } = chatOpenAI(account.key);
    const message = await chat.invoke(PROMPT);
    expect(message.content).toBe((await simulatedReply(PROMPT)).content);
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(await balance(account.id)).toBe(19);
  });

  test("stream streams the same reply in chunks", async ({ account }) => {
    const { chat } = chatOpenAI(account.key);
    const chunks: string[] = [];
    for await (const chunk of await chat.stream(PROMPT)) chunks.push(textOf(chunk));
    expect(chunks.filter(Boolean).length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe((await simulatedReply(PROMPT)).content);
    expect(await balance(account.id)).toBe(19);
  });

  test("bindTools: a tool call, and the reply to its result", async ({ account }) => {
    const { chat, sent } = chatOpenAI(account.key);
    const text = await toolRound(chat.bindTools([getWeather]));
    expect(text).toMatch(/^The `get_weather` tool returned: \{"city":"example city","celsius":21\}\./);
    expect(sent[0]?.tools).toEqual([expect.objectContaining({ type: "function" })]);
    expect(await balance(account.id)).toBe(18);
  });

  test("batch answers each prompt, one credit each", async ({ account }) => {
    const { chat } = chatOpenAI(account.key);
    const prompts = [PROMPT, "Explain memoization"];
    const messages = await chat.batch(prompts);
    const expected = await Promise.all(prompts.map((p) => simulatedReply(p)));
    expect(messages.map((m) => m.content)).toEqual(expected.map((e) => e.content));
    expect(await balance(account.id)).toBe(18);
  });

  test("JSON mode answers a JSON object", async ({ account }) => {
    const { chat, sent } = chatOpenAI(account.key);
    const message = await chat.invoke("Summarise caching as JSON", {
      response_format: { type: "json_object" },
    });
    expect(sent[0]?.response_format).toEqual({ type: "json_object" });
    const expected = await simulatedReply("Summarise caching as JSON", { jsonMode: true });
    expect(JSON.parse(textOf(message))).toEqual(JSON.parse(expected.content));
    expect(await balance(account.id)).toBe(19);
  });

  test("withStructuredOutput's default for a non-GPT model sends json_schema and parses the reply", async ({
    account,
  }) => {
    const { chat, sent } = chatOpenAI(account.key);
    const person = await chat.withStructuredOutput(Person, { name: "person" }).invoke("Describe a person");
    expect(sent[0]?.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "person" } });
    expect(sent[0]?.tools).toBeUndefined();
    expect(person).toEqual(SAMPLED_PERSON);
    expect(await balance(account.id)).toBe(19);
  });

  test('withStructuredOutput method "jsonSchema", whole and streamed', async ({ account }) => {
    const { chat, sent } = chatOpenAI(account.key);
    const structured = chat.withStructuredOutput(Person, { method: "jsonSchema", strict: true });
    expect(await structured.invoke("Describe a person")).toEqual(SAMPLED_PERSON);
    let last: unknown;
    for await (const partial of await structured.stream("Describe a person")) last = partial;
    expect(last).toEqual(SAMPLED_PERSON);
    expect(sent.map((body) => body.response_format)).toEqual([
      expect.objectContaining({
        type: "json_schema",
        json_schema: expect.objectContaining({ strict: true }),
      }),
      expect.objectContaining({ type: "json_schema" }),
    ]);
    expect(await balance(account.id)).toBe(18);
  });

  test('withStructuredOutput method "functionCalling" forces the tool and parses its arguments', async ({
    account,
  }) => {
    const { chat, sent } = chatOpenAI(account.key);
    const structured = chat.withStructuredOutput(Person, { method: "functionCalling", name: "person" });
    expect(await structured.invoke("Describe a person")).toEqual(SAMPLED_PERSON);
    expect(sent[0]?.tool_choice).toEqual({ type: "function", function: { name: "person" } });
    expect(await balance(account.id)).toBe(19);
  });
});

test.describe("ChatAnthropic", () => {
  test("invoke answers the upstream's reply for one credit", async ({ account }) => {
    const { chat } = chatAnthropic(account.key);
    const message = await chat.invoke(PROMPT);
    expect(textOf(message)).toBe((await simulatedReply(PROMPT)).content);
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(await balance(account.id)).toBe(19);
  });

  test("stream streams the same reply in chunks", async ({ account }) => {
    const { chat } = chatAnthropic(account.key);
    const chunks: string[] = [];
    for await (const chunk of await chat.stream(PROMPT)) chunks.push(textOf(chunk));
    expect(chunks.filter(Boolean).length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe((await simulatedReply(PROMPT)).content);
    expect(await balance(account.id)).toBe(19);
  });

  test("bindTools: a tool call, and the reply to its result", async ({ account }) => {
    const { chat, sent } = chatAnthropic(account.key);
    const text = await toolRound(chat.bindTools([getWeather]));
    expect(text).toMatch(/^The `get_weather` tool returned: \{"city":"example city","celsius":21\}\./);
    expect(sent[0]?.tools).toEqual([expect.objectContaining({ name: "get_weather" })]);
    expect(await balance(account.id)).toBe(18);
  });

  test("withStructuredOutput (default: a forced tool) parses the reply", async ({ account }) => {
    const { chat, sent } = chatAnthropic(account.key);
    const person = await chat.withStructuredOutput(Person, { name: "person" }).invoke("Describe a person");
    expect(sent[0]?.tool_choice).toEqual({ type: "tool", name: "person" });
    expect(person).toEqual(SAMPLED_PERSON);
    expect(await balance(account.id)).toBe(19);
  });
});
