import Anthropic, { type APIError } from "@anthropic-ai/sdk";
import { anthropicRequestSchema, estimateInputTokens } from "@/lib/gateway/anthropic";
import { API_BASE, BASE_URL, createAccount, creditState, expect, requestLogs, test } from "../fixtures";

// The official `@anthropic-ai/sdk` against our gateway, changing nothing but the base URL and key.
// The SDK appends `/v1/messages` to its base URL: `<origin>/api` is the native form, and
// `<origin>/api/v1` (the form the migration guide shows) is served by an alias route.

test.use({ accountOptions: { credits: 10 } });

const BASE_URLS = [
  { form: "<origin>/api", baseURL: `${BASE_URL}/api` },
  { form: "<origin>/api/v1", baseURL: API_BASE },
];

function client(key: string, baseURL = `${BASE_URL}/api`) {
  // An explicit timeout: without one the SDK refuses a large non-streaming max_tokens before sending it.
  return new Anthropic({ apiKey: key, baseURL, maxRetries: 0, timeout: 60_000 });
}

const WEATHER_TOOL: Anthropic.Tool = {
  name: "get_weather",
  description: "Current weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

/** Raw POST to our endpoint, as a non-SDK client would send it. */
function post(path: string, body: string | object, headers: Record<string, string> = {}) {
  return fetch(`${API_BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Every `event:` of an SSE body, with its parsed data. */
function sseEvents(text: string): Array<{ event: string; data: Anthropic.RawMessageStreamEvent }> {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim())
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1] ?? "";
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? "null");
      return { event, data };
    });
}

type ErrorClass = abstract new (...args: never[]) => APIError;

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => new Error("expected the request to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Anthropic.APIError);
  return error as APIError;
}

for (const { form, baseURL } of BASE_URLS) {
  test(`messages.create with base URL ${form} answers a message and charges one credit`, async ({
    account,
  }) => {
    const { data, response } = await client(account.key, baseURL)
      .messages.create(
        {
          model: "kimi-k2",
          max_tokens: 256,
          system: "You are helpful.",
          messages: [{ role: "user", content: "Say hello" }],
          metadata: { user_id: "customer-42" },
        },
        { headers: { "anthropic-beta": "prompt-caching-2024-07-31" } },
      )
      .withResponse();
    expect(data.id).toMatch(/^msg_/);
    expect(data).toMatchObject({
      type: "message",
      role: "assistant",
      model: "kimi-k2",
      stop_reason: "end_turn",
    });
    const [block] = data.content;
    expect(block?.type).toBe("text");
    expect(block?.type === "text" && block.text.length).toBeGreaterThan(0);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-credits-remaining")).toBe("9");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("x-upstream")).toBe("moonshot");
    expect(response.headers.get("x-ratelimit-limit")).toBe("20");
    expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
  });
}

test("messages.stream(...).finalMessage() assembles the streamed text and charges once", async ({
  account,
}) => {
  const stream = client(account.key).messages.stream({
    model: "kimi-k2-0905",
    max_tokens: 512,
    messages: [{ role: "user", content: "Tell me a story about streaming" }],
  });
  let streamed = "";
  stream.on("text", (delta) => {
    streamed += delta;
  });
  const message = await stream.finalMessage();
  expect(message.id).toMatch(/^msg_/);
  expect(message.stop_reason).toBe("end_turn");
  expect(message.content).toHaveLength(1);
  const [block] = message.content;
  expect(block?.type === "text" ? block.text : null).toBe(streamed);
  expect(streamed.length).toBeGreaterThan(20);
  expect(message.usage.output_tokens).toBeGreaterThan(0);
  expect(message.usage.input_tokens).toBeGreaterThan(0);
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
});

test("the raw SSE stream follows Anthropic's exact event order", async ({ account }) => {
  const res = await post(
    "/messages",
    { model: "kimi-k2", max_tokens: 256, stream: true, messages: [{ role: "user", content: "Hello there" }] },
    { "x-api-key": account.key },
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  expect(res.headers.get("x-credits-remaining")).toBe("9");
  const events = sseEvents(await res.text());
  // Each frame's event name is its data's type.
  expect(events.every(({ event, data }) => event === data.type)).toBe(true);
  const names = events.map((e) => e.event).join(",");
  expect(names).toMatch(
    /^message_start,content_block_start,ping,(content_block_delta,)+content_block_stop,message_delta,message_stop$/,
  );
  const data = events.map((e) => e.data);
  const deltas = data.flatMap((d) => (d.type === "content_block_delta" ? [d.delta] : []));
  expect(deltas.every((d) => d.type === "text_delta")).toBe(true);
  const messageDelta = data.find((d) => d.type === "message_delta");
  expect(messageDelta?.type === "message_delta" && messageDelta.delta.stop_reason).toBe("end_turn");
  expect(messageDelta?.type === "message_delta" && messageDelta.usage.output_tokens).toBeGreaterThan(0);
});

test("a streamed forced tool call arrives as input_json_deltas that concatenate to valid JSON", async ({
  account,
}) => {
  const res = await post(
    "/messages",
    {
      model: "kimi-k2",
      max_tokens: 256,
      stream: true,
      tools: [WEATHER_TOOL],
      tool_choice: { type: "tool", name: "get_weather" },
      messages: [{ role: "user", content: "Weather in Paris?" }],
    },
    { "x-api-key": account.key },
  );
  const data = sseEvents(await res.text()).map((e) => e.data);
  expect(data.map((d) => d.type)).toEqual(expect.arrayContaining(["message_start", "ping", "message_stop"]));
  const start = data.find((d) => d.type === "content_block_start");
  expect(start?.type === "content_block_start" && start.content_block).toMatchObject({
    type: "tool_use",
    name: "get_weather",
    input: {},
  });
  const json = data.flatMap((d) => (d.type === "content_block_delta" ? [d.delta] : []));
  expect(json.length).toBeGreaterThan(1);
  const pieces = json.map((d) => (d.type === "input_json_delta" ? d.partial_json : `<${d.type}>`));
  expect(JSON.parse(pieces.join(""))).toEqual({ city: "example city" });
  const messageDelta = data.find((d) => d.type === "message_delta");
  const stop = messageDelta?.type === "message_delta" ? messageDelta.delta : null;
  expect(stop).toMatchObject({ stop_reason: "tool_use" });
});

test.describe("a forced tool_use followed by a tool_result turn", () => {
  for (const { name, result, expected } of [
    { name: "string content", result: { content: "18°C and sunny" }, expected: "18°C and sunny" },
    {
      name: "block content",
      result: { content: [{ type: "text" as const, text: "18°C and sunny" }] },
      expected: "18°C and sunny",
    },
    {
      name: "is_error",
      result: { content: "city not found", is_error: true },
      expected: "Error: city not found",
    },
  ]) {
    test(name, async ({ account }) => {
      const anthropic = client(account.key);
      const question: Anthropic.MessageParam = { role: "user", content: "What is the weather in Paris?" };
      const first = await anthropic.messages.create({
        model: "kimi-k2",
        max_tokens: 256,
        tools: [WEATHER_TOOL],
        tool_choice: { type: "tool", name: "get_weather" },
        messages: [question],
      });
      expect(first.stop_reason).toBe("tool_use");
      const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
      expect(call).toMatchObject({ name: "get_weather", input: { city: "example city" } });
      expect(call?.id).toBeTruthy();

      const second = await anthropic.messages.create({
        model: "kimi-k2",
        max_tokens: 256,
        tools: [WEATHER_TOOL],
        messages: [
          question,
          { role: "assistant", content: first.content },
          { role: "user", content: [{ type: "tool_result", tool_use_id: call?.id ?? "", ...result }] },
        ],
      });
      expect(second.stop_reason).toBe("end_turn");
      const text = second.content.find((b) => b.type === "text");
      expect(text?.type === "text" ? text.text : "").toContain(
        `The \`get_weather\` tool returned: ${expected}`,
      );
      expect(await creditState(account.id)).toMatchObject({ balance: 8, ledgerSum: 8 });
    });
  }
});

test("a thinking model answers with a thinking block, streamed and not", async ({ account }) => {
  const anthropic = client(account.key);
  const params = {
    model: "kimi-k2-thinking",
    max_tokens: 4096,
    thinking: { type: "enabled" as const, budget_tokens: 2048 },
    messages: [{ role: "user" as const, content: "Why is the sky blue?" }],
  };
  const message = await anthropic.messages.create(params);
  expect(message.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  const [thinking] = message.content;
  expect(thinking?.type === "thinking" && thinking.thinking.length).toBeGreaterThan(10);

  const stream = anthropic.messages.stream(params);
  let thought = "";
  stream.on("thinking", (delta) => {
    thought += delta;
  });
  const streamed = await stream.finalMessage();
  expect(streamed.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  expect(streamed.content[0]?.type === "thinking" ? streamed.content[0].thinking : null).toBe(thought);
  expect(thought.length).toBeGreaterThan(10);
  expect(await creditState(account.id)).toMatchObject({ balance: 8, ledgerSum: 8 });
});

test("a thinking model's tool round trip replays its thinking block", async ({ account }) => {
  const anthropic = client(account.key);
  const question: Anthropic.MessageParam = { role: "user", content: "What is the weather in Oslo?" };
  const first = await anthropic.messages.create({
    model: "kimi-k2-thinking",
    max_tokens: 4096,
    tools: [WEATHER_TOOL],
    tool_choice: { type: "tool", name: "get_weather" },
    messages: [question],
  });
  expect(first.content.map((b) => b.type)).toEqual(["thinking", "tool_use"]);
  const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
  // With its thinking block, and without (clients that drop it are repaired for Kimi).
  for (const replayed of [first.content, first.content.filter((b) => b.type !== "thinking")]) {
    const next = await anthropic.messages.create({
      model: "kimi-k2-thinking",
      max_tokens: 4096,
      tools: [WEATHER_TOOL],
      messages: [
        question,
        { role: "assistant", content: replayed },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call?.id ?? "", content: "-3°C" }] },
      ],
    });
    expect(next.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  }
});

test("thinking switches a model that does not think by default (kimi-k2, served by kimi-k2.6)", async ({
  account,
}) => {
  const params = { model: "kimi-k2", max_tokens: 4096, messages: [{ role: "user" as const, content: "Hi" }] };
  const plain = await client(account.key).messages.create(params);
  expect(plain.content.map((b) => b.type)).toEqual(["text"]);
  const message = await client(account.key).messages.create({
    ...params,
    thinking: { type: "enabled", budget_tokens: 1024 },
  });
  expect(message.content.map((b) => b.type)).toEqual(["thinking", "text"]);
});

test.describe("invalid requests fail with the SDK's error class and cost nothing", () => {
  const cases: Array<{
    name: string;
    body: Record<string, unknown>;
    status: number;
    errorClass: ErrorClass;
    type: string;
    message: RegExp;
  }> = [
    {
      name: "missing max_tokens",
      body: { max_tokens: undefined },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /max_tokens: Field required/,
    },
    {
      name: "max_tokens of the wrong type",
      body: { max_tokens: "100" },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /^max_tokens: /,
    },
    {
      name: "max_tokens above the model's max output",
      body: { max_tokens: 100_000 },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /^max_tokens: must be at most 32768 for kimi-k2$/,
    },
    {
      name: "messages as a string",
      body: { messages: "hello" },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /^messages: /,
    },
    {
      name: "empty messages",
      body: { messages: [] },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /messages: List should have at least 1 item/,
    },
    {
      name: "a system role inside messages",
      body: { messages: [{ role: "system", content: "x" }] },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /messages\.0\.role: Input should be 'user' or 'assistant'/,
    },
    {
      name: "temperature above Anthropic's 0–1",
      body: { temperature: 1.5 },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /^temperature: /,
    },
    {
      name: "tool_choice without tools",
      body: { tool_choice: { type: "any" } },
      status: 400,
      errorClass: Anthropic.BadRequestError,
      type: "invalid_request_error",
      message: /tool_choice may only be specified while providing tools/,
    },
    {
      name: "an unknown model",
      body: { model: "claude-no-such-model" },
      status: 404,
      errorClass: Anthropic.NotFoundError,
      type: "not_found_error",
      message: /claude-no-such-model/,
    },
  ];
  for (const c of cases) {
    test(c.name, async ({ account }) => {
      const params = {
        model: "kimi-k2",
        max_tokens: 64,
        messages: [{ role: "user", content: "Hi" }],
        ...c.body,
      } as unknown as Anthropic.MessageCreateParamsNonStreaming;
      const error = await rejection(client(account.key).messages.create(params));
      expect(error).toBeInstanceOf(c.errorClass);
      expect(error.status).toBe(c.status);
      expect(error.type).toBe(c.type);
      expect(error.apiMessage).toMatch(c.message);
      expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
    });
  }
});

test.describe("stop_reason follows why the upstream stopped", () => {
  const cases: Array<{
    name: string;
    params: Partial<Anthropic.MessageCreateParamsNonStreaming>;
    stopReason: string;
  }> = [
    { name: "the token budget ran out", params: { max_tokens: 5 }, stopReason: "max_tokens" },
    // Kimi does not say which stop sequence matched, so the turn ends as end_turn, never a guess.
    { name: "a stop sequence cut the text", params: { stop_sequences: ["the"] }, stopReason: "end_turn" },
  ];
  for (const { name, params, stopReason } of cases) {
    test(name, async ({ account }) => {
      const message = await client(account.key).messages.create({
        model: "kimi-k2",
        max_tokens: 512,
        messages: [{ role: "user", content: "Explain caching" }],
        ...params,
      });
      expect(message.stop_reason).toBe(stopReason);
      expect(message.stop_sequence).toBeNull();
    });
  }
});

test("a bad key is an AuthenticationError", async () => {
  const error = await rejection(
    client("sk-kimi-not-a-real-key").messages.create({
      model: "kimi-k2",
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
    }),
  );
  expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
  expect(error.type).toBe("authentication_error");
  expect(error.apiMessage).not.toContain("sk-kimi-not-a-real-key");
});

test("an account without credits gets the SDK's 403 error and is not charged", async () => {
  const account = await createAccount({ credits: 0 });
  const error = await rejection(
    client(account.key).messages.create({
      model: "kimi-k2",
      max_tokens: 64,
      messages: [{ role: "user", content: "Hi" }],
    }),
  );
  expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
  expect(error.status).toBe(403);
  expect(error.apiMessage).toMatch(/credit/i);
  expect(await creditState(account.id)).toMatchObject({ balance: 0, ledgerSum: 0 });
});

test("concurrent requests spend exactly the credits there are, never more", async () => {
  const account = await createAccount({ credits: 3 });
  const anthropic = client(account.key);
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, (_, i) =>
      anthropic.messages.create({
        model: "kimi-k2",
        max_tokens: 64,
        messages: [{ role: "user", content: `Hi ${i}` }],
      }),
    ),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
  expect(failures).toHaveLength(3);
  for (const failure of failures) expect(failure).toBeInstanceOf(Anthropic.PermissionDeniedError);
  expect(await creditState(account.id)).toMatchObject({ balance: 0, ledgerSum: 0 });
});

test.describe("an upstream failure before the first byte keeps its status and is not charged", () => {
  for (const { directive, stream, status, type } of [
    { directive: "[[sim:fail=500]]", stream: false, status: 502, type: "api_error" },
    { directive: "[[sim:fail=500]]", stream: true, status: 502, type: "api_error" },
    { directive: "[[sim:fail=503]]", stream: false, status: 529, type: "overloaded_error" },
  ]) {
    test(`${directive}${stream ? " streamed" : ""} → ${status} ${type}`, async ({ account }) => {
      const error = await rejection(
        client(account.key).messages.create({
          model: "kimi-k2",
          max_tokens: 64,
          stream,
          messages: [{ role: "user", content: `Hello ${directive}` }],
        }),
      );
      expect(error).toBeInstanceOf(Anthropic.InternalServerError);
      expect(error.status).toBe(status);
      expect(error.type).toBe(type);
      expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
    });
  }
});

test("a stream cut off mid-way raises in the SDK and is charged exactly once", async ({ account }) => {
  const stream = client(account.key).messages.stream({
    model: "kimi-k2-0905",
    max_tokens: 512,
    messages: [{ role: "user", content: "Tell me a long story [[sim:drop-after=3]]" }],
  });
  let streamed = "";
  stream.on("text", (delta) => {
    streamed += delta;
  });
  const error = await rejection(stream.finalMessage());
  expect(error.type).toBe("api_error");
  expect(error.apiMessage).toMatch(/mid-stream/);
  expect(streamed.length).toBeGreaterThan(0);
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
  await expect
    .poll(async () => (await requestLogs(account.id)).map((l) => [l.endpoint, l.status, l.credits]))
    .toEqual([["anthropic", 502, 1]]);
});

test("a client that goes away mid-stream stops the upstream and is charged once", async ({ account }) => {
  const stream = client(account.key).messages.stream({
    model: "kimi-k2-0905",
    max_tokens: 512,
    messages: [{ role: "user", content: "Tell me a long story [[sim:slow=200]]" }],
  });
  await stream.emitted("text");
  stream.abort();
  await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
  await expect
    .poll(async () => (await requestLogs(account.id)).map((l) => [l.endpoint, l.status, l.credits]))
    .toEqual([["anthropic", 499, 1]]);
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
});

test.describe("bodies that are not a request get invalid_request_error / request_too_large", () => {
  for (const { name, body, status, type } of [
    {
      name: "malformed JSON",
      body: '{"model": "kimi-k2", "max_tokens": 10,',
      status: 400,
      type: "invalid_request_error",
    },
    { name: "an empty body", body: "", status: 400, type: "invalid_request_error" },
    { name: "a JSON array", body: "[]", status: 400, type: "invalid_request_error" },
    {
      name: "a body over 1 MiB",
      body: JSON.stringify({ pad: "x".repeat(1_100_000) }),
      status: 413,
      type: "request_too_large",
    },
  ]) {
    test(name, async ({ account }) => {
      const res = await post("/messages", body, { "x-api-key": account.key });
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json).toEqual({ type: "error", error: { type, message: expect.any(String) } });
      expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
    });
  }
});

test("Authorization: Bearer works as well as X-API-Key, and OPTIONS answers CORS", async ({ account }) => {
  const res = await post(
    "/messages",
    { model: "kimi-k2", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] },
    { authorization: `Bearer ${account.key}`, "anthropic-beta": "some-future-beta-2099-01-01" },
  );
  expect(res.status).toBe(200);
  expect((await res.json()).type).toBe("message");

  const preflight = await fetch(`${API_BASE}/messages`, { method: "OPTIONS" });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-headers")).toContain("anthropic-version");
  expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
});

test.describe("count_tokens", () => {
  for (const { form, baseURL } of BASE_URLS) {
    test(`returns the documented estimate (base URL ${form}) without charging`, async ({ account }) => {
      const params = {
        model: "kimi-k2",
        system: "You are a weather assistant.",
        tools: [WEATHER_TOOL],
        messages: [{ role: "user" as const, content: "What is the weather in Paris today?" }],
      };
      const counted = await client(account.key, baseURL).messages.countTokens(params);
      expect(counted).toEqual({
        input_tokens: estimateInputTokens(anthropicRequestSchema.parse({ ...params, max_tokens: 1 })),
      });
      expect(counted.input_tokens).toBeGreaterThan(10);
      expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
      expect(await requestLogs(account.id)).toEqual([]);
    });
  }

  test("grows with the prompt", async () => {
    const account = await createAccount();
    const anthropic = client(account.key);
    const count = async (content: string) =>
      (await anthropic.messages.countTokens({ model: "kimi-k2", messages: [{ role: "user", content }] }))
        .input_tokens;
    expect(await count("x".repeat(4000))).toBeGreaterThan(await count("Hi"));
  });

  for (const { name, key, body, errorClass, message } of [
    {
      name: "a bad key",
      key: "sk-kimi-wrong",
      body: { model: "kimi-k2", messages: [{ role: "user", content: "Hi" }] },
      errorClass: Anthropic.AuthenticationError,
      message: /API key/,
    },
    {
      name: "missing messages",
      key: null,
      body: { model: "kimi-k2" },
      errorClass: Anthropic.BadRequestError,
      message: /messages: Field required/,
    },
    {
      name: "an unknown model",
      key: null,
      body: { model: "nope", messages: [{ role: "user", content: "Hi" }] },
      errorClass: Anthropic.NotFoundError,
      message: /nope/,
    },
  ]) {
    test(`rejects ${name}`, async () => {
      const account = await createAccount();
      const params = body as unknown as Anthropic.MessageCountTokensParams;
      const error = await rejection(client(key ?? account.key).messages.countTokens(params));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.apiMessage).toMatch(message);
    });
  }

  test("counts against the key's rate limit: the 21st call in a minute is a RateLimitError", async ({
    account,
  }) => {
    const anthropic = client(account.key);
    const params: Anthropic.MessageCountTokensParams = {
      model: "kimi-k2",
      messages: [{ role: "user", content: "Hi" }],
    };
    for (let i = 0; i < 20; i++) await anthropic.messages.countTokens(params);
    const error = await rejection(anthropic.messages.countTokens(params));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.type).toBe("rate_limit_error");
    expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
  });
});
