import type OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import type {
  FunctionTool,
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseReasoningItem,
  ResponseStreamEvent,
} from "openai/resources/responses/responses";
import { z } from "zod";
import {
  API_BASE,
  apiError,
  createAccount,
  creditState,
  expect,
  openaiClient,
  requestLogs,
  test,
} from "../fixtures";

// The official `openai` SDK's Responses API against our gateway, changing nothing but the base URL.

test.use({ accountOptions: { credits: 20 } });

const WEATHER: FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Current weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: true,
};

function functionCalls(output: OpenAI.Responses.ResponseOutputItem[]): ResponseFunctionToolCall[] {
  return output.filter((item): item is ResponseFunctionToolCall => item.type === "function_call");
}

function reasoningItems(output: OpenAI.Responses.ResponseOutputItem[]): ResponseReasoningItem[] {
  return output.filter((item): item is ResponseReasoningItem => item.type === "reasoning");
}

async function get(path: string, key: string, method = "GET") {
  return fetch(`${API_BASE}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
}

test("responses.create with a string and instructions: one credit, headers, a log row", async ({
  account,
}) => {
  const { data, response } = await openaiClient(account.key)
    .responses.create({
      model: "kimi-k2",
      instructions: "Be brief.",
      input: "Say hello",
      metadata: { job: "e2e" },
    })
    .withResponse();
  expect(data.id).toMatch(/^resp_[0-9a-f]{32}$/);
  expect(data).toMatchObject({
    object: "response",
    status: "completed",
    model: "kimi-k2",
    instructions: "Be brief.",
    metadata: { job: "e2e" },
    error: null,
    incomplete_details: null,
  });
  expect(data.output_text.length).toBeGreaterThan(0);
  expect(data.output).toHaveLength(1);
  expect(data.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
  expect(data.usage?.input_tokens).toBeGreaterThan(0);
  expect(data.usage?.output_tokens).toBeGreaterThan(0);
  expect(data.usage?.total_tokens).toBe((data.usage?.input_tokens ?? 0) + (data.usage?.output_tokens ?? 0));
  expect(data.usage?.output_tokens_details.reasoning_tokens).toBe(0);
  expect(response.headers.get("x-credits-remaining")).toBe("19");
  expect(response.headers.get("x-upstream")).toBe("moonshot");
  expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  expect(response.headers.get("x-ratelimit-limit")).not.toBeNull();
  expect(await creditState(account.id)).toMatchObject({ balance: 19, ledgerSum: 19 });
  // The log row is written off the hot path.
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(1);
  const logs = await requestLogs(account.id);
  expect(logs[0]).toMatchObject({ endpoint: "responses", status: 200, credits: 1, stream: false });
});

test("/api/v1/models names the endpoints each model serves", async ({ account }) => {
  const res = await get("/models", account.key);
  const { data } = (await res.json()) as { data: Array<{ id: string; endpoints: string[] }> };
  expect(data.length).toBeGreaterThan(0);
  for (const model of data) expect(model.endpoints).toContain("/v1/responses");
});

test("responses.create with items: developer and user messages with input_text parts", async ({
  account,
}) => {
  const res = await openaiClient(account.key).responses.create({
    model: "kimi-k2",
    input: [
      { role: "developer", content: "Answer in one line." },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Describe the sea" }] },
    ],
    temperature: 0.2,
    top_p: 0.9,
  });
  expect(res.status).toBe("completed");
  expect(res.output_text.length).toBeGreaterThan(0);
  expect(res).toMatchObject({ temperature: 0.2, top_p: 0.9 });
});

test("responses.stream: the typed events in order with sequence numbers; finalResponse matches", async ({
  account,
}) => {
  const stream = openaiClient(account.key).responses.stream({ model: "kimi-k2", input: "Tell me a story" });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const final = await stream.finalResponse();
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  const types = events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]);
  expect(types).toEqual([
    "response.created",
    "response.in_progress",
    "response.output_item.added",
    "response.content_part.added",
    "response.output_text.delta",
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "response.completed",
  ]);
  const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
  expect(deltas.length).toBeGreaterThan(1);
  expect(final.output_text).toBe(deltas.join(""));
  const completed = events.at(-1);
  expect(completed?.type === "response.completed" && completed.response.id).toBe(final.id);
  expect(final.usage?.output_tokens).toBeGreaterThan(0);
  expect(await creditState(account.id)).toMatchObject({ balance: 19 });
});

test("responses.parse with zodTextFormat returns the parsed object", async ({ account }) => {
  const Person = z.object({ name: z.string(), age: z.number().int() });
  const res = await openaiClient(account.key).responses.parse({
    model: "kimi-k2",
    input: "Invent a person",
    text: { format: zodTextFormat(Person, "person") },
  });
  expect(Person.parse(res.output_parsed)).toEqual(res.output_parsed);
  expect(res.text?.format).toMatchObject({ type: "json_schema", name: "person", strict: true });
});

test("a reply off its schema is an error the client sees", async ({ account }) => {
  const error = await apiError(
    openaiClient(account.key).responses.create({
      model: "kimi-k2",
      input: "Invent a person [[sim:off-schema]]",
      text: {
        format: {
          type: "json_schema",
          name: "person",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" } },
            required: ["name"],
            additionalProperties: false,
          },
        },
      },
    }),
  );
  expect(error.status).toBe(502);
  expect(error.code).toBe("invalid_structured_output");
});

test("a function-call loop: the call, then the tool's output, then the answer", async ({ account }) => {
  const client = openaiClient(account.key);
  const input: ResponseInputItem[] = [
    { role: "user", content: "What is the weather in Paris? Use get_weather." },
  ];
  const first = await client.responses.create({ model: "kimi-k2", input, tools: [WEATHER], store: false });
  const [call] = functionCalls(first.output);
  expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
  expect(JSON.parse(call?.arguments ?? "")).toHaveProperty("city");
  const second = await client.responses.create({
    model: "kimi-k2",
    tools: [WEATHER],
    store: false,
    input: [
      ...input,
      ...(first.output as ResponseInputItem[]),
      { type: "function_call_output", call_id: call?.call_id ?? "", output: "22°C, sunny" },
    ],
  });
  expect(second.output_text).toContain("get_weather");
  expect(second.output_text).toContain("22°C, sunny");
});

test("a streamed function call: arguments arrive as deltas and match the final item", async ({ account }) => {
  const stream = openaiClient(account.key).responses.stream({
    model: "kimi-k2",
    input: "Weather in Oslo? Use get_weather.",
    tools: [WEATHER],
  });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const final = await stream.finalResponse();
  const args = events.flatMap((e) => (e.type === "response.function_call_arguments.delta" ? [e.delta] : []));
  const [call] = functionCalls(final.output);
  expect(args.join("")).toBe(call?.arguments);
  const done = events.find((e) => e.type === "response.function_call_arguments.done");
  expect(done?.type === "response.function_call_arguments.done" && done.arguments).toBe(call?.arguments);
});

test("a thinking model's reasoning comes as a reasoning item, streamed as summary text", async ({
  account,
}) => {
  const client = openaiClient(account.key);
  const res = await client.responses.create({
    model: "kimi-k2-thinking",
    input: "Why is the sky blue?",
    reasoning: { effort: "medium" },
  });
  const [reasoning] = reasoningItems(res.output);
  expect(reasoning?.summary[0]?.text.length).toBeGreaterThan(0);
  expect(res.output.at(-1)?.type).toBe("message");
  expect(res.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  expect(res.reasoning?.effort).toBe("medium");

  const stream = client.responses.stream({ model: "kimi-k2-thinking", input: "Why is grass green?" });
  const types: string[] = [];
  for await (const event of stream) types.push(event.type);
  const final = await stream.finalResponse();
  expect(types).toContain("response.reasoning_summary_part.added");
  expect(types).toContain("response.reasoning_summary_text.delta");
  expect(types.indexOf("response.reasoning_summary_text.done")).toBeLessThan(
    types.indexOf("response.output_text.delta"),
  );
  expect(reasoningItems(final.output)[0]?.summary[0]?.text.length).toBeGreaterThan(0);
});

test("store: false with encrypted reasoning: a thinking model's tool loop keeps its reasoning, nothing stored", async ({
  account,
}) => {
  const client = openaiClient(account.key);
  const input: ResponseInputItem[] = [
    { role: "user", content: "Weather in Rome? Use get_weather. [[sim:echo-reasoning]]" },
  ];
  const first = await client.responses.create({
    model: "kimi-k2-thinking",
    input,
    tools: [WEATHER],
    store: false,
    include: ["reasoning.encrypted_content"],
  });
  const [reasoning] = reasoningItems(first.output);
  const [call] = functionCalls(first.output);
  expect(reasoning?.encrypted_content).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  expect(reasoning?.encrypted_content).not.toContain(reasoning?.summary[0]?.text ?? "-");
  expect((await get(`/responses/${first.id}`, account.key)).status).toBe(404);

  // Codex sends the reasoning back with its encrypted_content and no summary.
  const handedBack = { ...(reasoning as ResponseReasoningItem), summary: [] };
  const toolOutput = { type: "function_call_output" as const, call_id: call?.call_id ?? "", output: "18°C" };
  const second = await client.responses.create({
    model: "kimi-k2-thinking",
    tools: [WEATHER],
    store: false,
    include: ["reasoning.encrypted_content"],
    input: [...input, handedBack, call as ResponseFunctionToolCall, toolOutput],
  });
  // The simulator answers with the reasoning_content the upstream received.
  const seen = JSON.parse(second.output_text) as { reasoning_content: Array<string | null> };
  expect(seen.reasoning_content).toEqual([reasoning?.summary[0]?.text]);

  // A tampered blob, or one issued to another account, is refused and not charged.
  const blob = reasoning?.encrypted_content ?? "";
  const flipped = `${blob.slice(0, 20)}${blob[20] === "A" ? "B" : "A"}${blob.slice(21)}`;
  const before = (await creditState(account.id)).balance;
  const tampered = await apiError(
    client.responses.create({
      model: "kimi-k2-thinking",
      tools: [WEATHER],
      store: false,
      input: [
        ...input,
        { ...handedBack, encrypted_content: flipped },
        call as ResponseFunctionToolCall,
        toolOutput,
      ],
    }),
  );
  expect(tampered.status).toBe(400);
  expect(tampered.param).toBe("input[1].encrypted_content");
  const other = await createAccount({ credits: 5 });
  const foreign = await apiError(
    openaiClient(other.key).responses.create({
      model: "kimi-k2-thinking",
      tools: [WEATHER],
      store: false,
      input: [...input, handedBack, call as ResponseFunctionToolCall, toolOutput],
    }),
  );
  expect(foreign.status).toBe(400);
  expect((await creditState(account.id)).balance).toBe(before);
  expect((await creditState(other.id)).balance).toBe(5);
});

test("previous_response_id continues the owner's stored response; others get 404, uncharged", async ({
  account,
}) => {
  const client = openaiClient(account.key);
  const first = await client.responses.create({
    model: "kimi-k2",
    input: "Weather in Lima? Use get_weather.",
    tools: [WEATHER],
  });
  const [call] = functionCalls(first.output);
  // Only the tool's output is sent: the call it answers comes from the stored response.
  const second = await client.responses.create({
    model: "kimi-k2",
    previous_response_id: first.id,
    tools: [WEATHER],
    input: [{ type: "function_call_output", call_id: call?.call_id ?? "", output: "25°C" }],
  });
  expect(second.previous_response_id).toBe(first.id);
  expect(second.output_text).toContain("The `get_weather` tool returned: 25°C");

  const other = await createAccount({ credits: 5 });
  const foreign = await apiError(
    openaiClient(other.key).responses.create({
      model: "kimi-k2",
      previous_response_id: first.id,
      input: "hi",
    }),
  );
  expect(foreign.status).toBe(404);
  expect(foreign.param).toBe("previous_response_id");
  expect((await creditState(other.id)).balance).toBe(5);
  expect((await get(`/responses/${first.id}`, other.key)).status).toBe(404);
  expect((await get(`/responses/${first.id}`, other.key, "DELETE")).status).toBe(404);

  const unknown = await apiError(
    client.responses.create({ model: "kimi-k2", previous_response_id: "resp_0123", input: "hi" }),
  );
  expect(unknown.status).toBe(404);

  const deleted = await client.responses.delete(first.id);
  expect(deleted).toEqual({ id: first.id, object: "response.deleted", deleted: true });
  const gone = await apiError(client.responses.retrieve(first.id));
  expect(gone.status).toBe(404);
  const after = await apiError(
    client.responses.create({ model: "kimi-k2", previous_response_id: first.id, input: "hi" }),
  );
  expect(after.status).toBe(404);
  expect(await creditState(account.id)).toMatchObject({ balance: 18 });
});

test("GET a stored response, DELETE's answer, and input_items with limit, order and after", async ({
  account,
}) => {
  const client = openaiClient(account.key);
  const created = await client.responses.create({
    model: "kimi-k2",
    input: [
      { role: "developer", content: "Be kind." },
      { role: "user", content: "First" },
      { role: "assistant", content: "Noted." },
      { role: "user", content: "Second" },
    ],
  });
  const retrieved = await client.responses.retrieve(created.id);
  expect(retrieved.id).toBe(created.id);
  expect(retrieved.output).toEqual(created.output);
  expect(retrieved.output_text).toBe(created.output_text);

  const all = await client.responses.inputItems.list(created.id, { order: "asc" });
  expect(all.data.map((item) => item.type === "message" && item.role)).toEqual([
    "developer",
    "user",
    "assistant",
    "user",
  ]);
  expect(all.data[1]).toMatchObject({ type: "message", content: [{ type: "input_text", text: "First" }] });
  const page = await get(`/responses/${created.id}/input_items?limit=2`, account.key);
  const body = (await page.json()) as {
    object: string;
    data: Array<{ id: string }>;
    has_more: boolean;
    last_id: string;
  };
  expect(body.object).toBe("list");
  expect(body.has_more).toBe(true);
  expect(body.data.map((d) => d.id)).toEqual([all.data[3]?.id, all.data[2]?.id]);
  const rest = await get(`/responses/${created.id}/input_items?limit=2&after=${body.last_id}`, account.key);
  const restBody = (await rest.json()) as { data: Array<{ id: string }>; has_more: boolean };
  expect(restBody.data.map((d) => d.id)).toEqual([all.data[1]?.id, all.data[0]?.id]);
  expect(restBody.has_more).toBe(false);

  const res = await get(`/responses/${created.id}`, account.key, "DELETE");
  expect(await res.json()).toEqual({ id: created.id, object: "response.deleted", deleted: true });
  expect((await get(`/responses/${created.id}/input_items`, account.key)).status).toBe(404);
});

test("a tool we do not serve is a 400 naming it, uncharged", async ({ account }) => {
  const error = await apiError(
    openaiClient(account.key).responses.create({
      model: "kimi-k2",
      input: "Search my files",
      tools: [{ type: "file_search", vector_store_ids: ["vs_1"] }],
    }),
  );
  expect(error.status).toBe(400);
  expect(error.message).toContain("file_search");
  expect(error.param).toBe("tools[0].type");
  const forced = await apiError(
    openaiClient(account.key).responses.create({
      model: "kimi-k2",
      input: "Search the web",
      tools: [{ type: "web_search_preview" }],
      tool_choice: { type: "web_search_preview" },
    }),
  );
  expect(forced.status).toBe(400);
  expect(forced.param).toBe("tool_choice");
  const background = await apiError(
    openaiClient(account.key).responses.create({ model: "kimi-k2", input: "x", background: true }),
  );
  expect(background.status).toBe(400);
  expect(background.param).toBe("background");
  const tooLong = await apiError(
    openaiClient(account.key).responses.create({
      model: "kimi-k2",
      input: "x",
      max_output_tokens: 10_000_000,
    }),
  );
  expect(tooLong.param).toBe("max_output_tokens");
  expect(await creditState(account.id)).toMatchObject({ balance: 20 });
});

test("max_output_tokens reached: incomplete, with the reason, whole and streamed", async ({ account }) => {
  const client = openaiClient(account.key);
  const res = await client.responses.create({
    model: "kimi-k2",
    input: "Tell me a long story",
    max_output_tokens: 5,
  });
  expect(res.status).toBe("incomplete");
  expect(res.incomplete_details).toEqual({ reason: "max_output_tokens" });
  const stream = client.responses.stream({
    model: "kimi-k2",
    input: "Tell me a long story",
    max_output_tokens: 5,
  });
  const types: string[] = [];
  for await (const event of stream) types.push(event.type);
  expect(types.at(-1)).toBe("response.incomplete");
});

test("an upstream failure before output: the error, refunded", async ({ account }) => {
  const error = await apiError(
    openaiClient(account.key).responses.create({ model: "kimi-k2", input: "Hello [[sim:fail=500]]" }),
  );
  expect(error.status).toBe(502);
  expect(error.headers?.get("x-credits-remaining")).toBe("20");
  await expect.poll(async () => (await creditState(account.id)).balance).toBe(20);
});

test("the upstream dying mid-stream: response.failed, charged once", async ({ account }) => {
  const stream = openaiClient(account.key).responses.stream({
    model: "kimi-k2",
    input: "Tell me a long story [[sim:drop-after=3]]",
  });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const last = events.at(-1);
  expect(last?.type).toBe("response.failed");
  if (last?.type !== "response.failed") throw new Error("not failed");
  expect(last.response.status).toBe("failed");
  expect(last.response.error?.code).toBe("server_error");
  expect(events.some((e) => e.type === "response.output_text.delta")).toBe(true);
  await expect.poll(async () => (await creditState(account.id)).balance).toBe(19);
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(1);
  const logs = await requestLogs(account.id);
  expect(logs.at(-1)).toMatchObject({ endpoint: "responses", status: 502, credits: 1, stream: true });
});

test("web search, which Codex CLI attaches to every request, is left out and named in X-Ignored-Tools", async ({
  account,
}) => {
  const { data, response } = await openaiClient(account.key)
    .responses.create({
      model: "kimi-k2",
      input: "Hello there",
      tools: [{ type: "web_search" }, { type: "function", name: "lookup", parameters: {}, strict: false }],
    })
    .withResponse();
  expect(response.headers.get("x-ignored-tools")).toBe("web_search");
  expect(data.status).toBe("completed");
  expect(data.output_text.length).toBeGreaterThan(0);
  expect((await creditState(account.id)).balance).toBe(19);
});

test("a namespace tool's functions are offered flat and their calls come back with the namespace", async ({
  account,
}) => {
  const response = await openaiClient(account.key).responses.create({
    model: "kimi-k2",
    input: "Close agent a1 [[sim:tool-arg=id:a1]]",
    tool_choice: "required",
    tools: [
      {
        type: "namespace",
        name: "agents",
        description: "Sub-agents",
        tools: [
          {
            type: "function",
            name: "close_agent",
            description: "Close an agent",
            parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
            strict: false,
          },
        ],
      },
    ] as never,
  });
  const call = response.output.find((item) => item.type === "function_call");
  expect(call).toMatchObject({ type: "function_call", name: "close_agent", namespace: "agents" });
  expect(JSON.parse((call as { arguments: string }).arguments)).toEqual({ id: "a1" });
});

test("reasoning.effort switches kimi-k2.6's thinking: none → no reasoning, high → a reasoning item", async ({
  account,
}) => {
  const client = openaiClient(account.key);
  const off = await client.responses.create({
    model: "kimi-k2.6",
    input: "What is 2 + 2?",
    reasoning: { effort: "none" },
  });
  expect(reasoningItems(off.output)).toEqual([]);
  expect(off.usage?.output_tokens_details.reasoning_tokens).toBe(0);
  const on = await client.responses.create({
    model: "kimi-k2.6",
    input: "What is 2 + 2?",
    reasoning: { effort: "high" },
  });
  expect(reasoningItems(on.output)[0]?.summary[0]?.text.length).toBeGreaterThan(0);
  expect(on.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
});
