import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletion, ChatCompletionChunk, ChatMessage, ToolDefinition } from "@/lib/wire/openai";
import { readSse } from "@/lib/wire/sse";
import {
  estimateTokens,
  type SimulatorOptions,
  type SimulatorRequest,
  simulateChatCompletion,
} from "./simulator";

const request = (content: string, extra: Partial<SimulatorRequest> = {}): SimulatorRequest => ({
  model: "kimi-k2-0905-preview",
  messages: [{ role: "user", content }],
  ...extra,
});

async function complete(body: SimulatorRequest, options?: SimulatorOptions): Promise<ChatCompletion> {
  const response = await simulateChatCompletion(body, options);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as ChatCompletion;
}

const firstChoice = (completion: ChatCompletion) => {
  const choice = completion.choices[0];
  if (!choice) throw new Error("no choices");
  return choice;
};

async function streamEvents(response: Response): Promise<string[]> {
  if (!response.body) throw new Error("no body");
  const data: string[] = [];
  for await (const event of readSse(response.body)) data.push(event.data);
  return data;
}

async function streamChunks(body: SimulatorRequest, options?: SimulatorOptions) {
  const response = await simulateChatCompletion({ ...body, stream: true }, options);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const data = await streamEvents(response);
  expect(data.at(-1)).toBe("[DONE]");
  return data.slice(0, -1).map((d) => parseJsonSafe<ChatCompletionChunk>(d) ?? expect.fail(`bad chunk ${d}`));
}

const deltas = (chunks: ChatCompletionChunk[]) =>
  chunks.flatMap((c) => c.choices.map((choice) => choice.delta));
const joined = (chunks: ChatCompletionChunk[], key: "content" | "reasoning_content") =>
  deltas(chunks)
    .map((d) => d[key] ?? "")
    .join("");

const weatherTool: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        days: { type: "integer", minimum: 1 },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        detailed: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        optional: { type: "string" },
      },
      required: ["city", "days", "unit", "detailed", "tags"],
    },
  },
};

afterEach(() => {
  vi.useRealTimers();
});

describe("estimateTokens", () => {
  it.each([
    ["", 0],
    ["abcd", 1],
    ["abcde", 2],
    ["你好", 2],
    ["hi 你好", 3],
  ])("estimates %j as %i tokens", (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });
});

describe("non-streaming replies", () => {
  it("answers in the chat.completion shape with consistent usage", async () => {
    const completion = await complete(request("Tell me about caching strategies"));
    expect(completion).toMatchObject({ object: "chat.completion", model: "kimi-k2-0905-preview" });
    expect(completion.id).toMatch(/^chatcmpl-\w+$/);
    expect(completion.system_fingerprint).toBeTruthy();
    expect(Math.abs(completion.created - Date.now() / 1000)).toBeLessThan(5);
    const choice = firstChoice(completion);
    expect(choice).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    expect(choice.message.content).toContain("**strategies**");
    expect(choice.message.reasoning_content).toBeUndefined();
    const usage = completion.usage;
    expect(usage?.completion_tokens).toBe(estimateTokens(choice.message.content ?? ""));
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("is deterministic per prompt and seed, and ignores directives", async () => {
    const text = async (body: SimulatorRequest) => firstChoice(await complete(body)).message.content;
    const base = await text(request("hello there"));
    expect(await text(request("hello there"))).toBe(base);
    expect(await text(request("[[sim:slow=0]] hello there"))).toBe(base);
    const seeded = await Promise.all([1, 2, 3, 4].map((seed) => text(request("hello there", { seed }))));
    expect(seeded.some((t) => t !== base)).toBe(true);
  });

  it("returns n different choices", async () => {
    const completion = await complete(request("hello there", { n: 3 }));
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(completion.choices.map((c) => c.message.content)).size).toBe(3);
  });

  it("includes a fenced code block when the prompt mentions code", async () => {
    const content = firstChoice(await complete(request("Write a python function to split a list"))).message
      .content;
    expect(content).toMatch(/```python\n[\s\S]+\n```/);
  });

  it("returns a JSON object in JSON mode", async () => {
    const body = request("Give me facts", { response_format: { type: "json_object" } });
    const parsed = parseJsonSafe<Record<string, unknown>>(
      firstChoice(await complete(body)).message.content ?? "",
    );
    expect(parsed).toMatchObject({ topic: "facts", answer: expect.any(String) });
  });

  it("truncates to max_tokens with finish_reason length", async () => {
    for (const limit of [{ max_tokens: 5 }, { max_completion_tokens: 5 }]) {
      const completion = await complete(request("Explain rate limits", limit));
      expect(firstChoice(completion).finish_reason).toBe("length");
      expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(5);
      expect(estimateTokens(firstChoice(completion).message.content ?? "")).toBe(5);
    }
  });

  it("cuts before the first stop sequence", async () => {
    const full = firstChoice(await complete(request("Explain rate limits"))).message.content ?? "";
    const completion = await complete(request("Explain rate limits", { stop: ["zzz", " the "] }));
    const choice = firstChoice(completion);
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content).toBe(full.slice(0, full.indexOf(" the ")));
  });

  it("echoes the request parameters without the messages", async () => {
    const body = request("[[sim:echo]]", { temperature: 0.3, top_k: 5, user: "u1" });
    const echoed = parseJsonSafe(firstChoice(await complete(body)).message.content ?? "");
    expect(echoed).toEqual({ model: "kimi-k2-0905-preview", temperature: 0.3, top_k: 5, user: "u1" });
  });
});

describe("thinking models", () => {
  it("reasons first when the model id says thinking, unless told otherwise", async () => {
    const thinking = firstChoice(await complete({ ...request("hello"), model: "kimi-k2-thinking" }));
    expect(thinking.message.reasoning_content).toMatch(/\w+/);
    const plain = firstChoice(
      await complete({ ...request("hello"), model: "kimi-k2-thinking" }, { thinking: false }),
    );
    expect(plain.message.reasoning_content).toBeUndefined();
    const forced = firstChoice(await complete(request("hello"), { thinking: true }));
    expect(forced.message.reasoning_content).toBeTruthy();
  });

  it("streams reasoning_content deltas before the content", async () => {
    const chunks = await streamChunks(request("hello"), { thinking: true });
    const kinds = deltas(chunks).flatMap((d) => (d.reasoning_content ? ["r"] : d.content ? ["c"] : []));
    expect(kinds.join("")).toMatch(/^r+c+$/);
  });

  it("rejects a tool-call history without reasoning_content, naming the message index", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "weather?" },
      { role: "assistant", content: "", reasoning_content: "ok", tool_calls: [] },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "call_1", content: "sunny" },
    ];
    const response = await simulateChatCompletion({ model: "kimi-k2-thinking", messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message:
          "thinking is enabled but reasoning_content is missing in assistant tool call message at index 2",
        type: "invalid_request_error",
      },
    });
    const fine = await simulateChatCompletion({ model: "kimi-k2-0905-preview", messages });
    expect(fine.status).toBe(200);
  });
});

describe("tool calls", () => {
  const tools = [weatherTool, { type: "function" as const, function: { name: "search_web" } }];

  it.each([
    ["required", "hello", "required" as const, ["get_weather"]],
    [
      "a named function",
      "hello",
      { type: "function" as const, function: { name: "search_web" } },
      ["search_web"],
    ],
    ["auto with a mention", "call get_weather for Paris", "auto" as const, ["get_weather"]],
    ["auto with spaced mentions", "get weather, then search web", undefined, ["get_weather", "search_web"]],
    ["auto without a mention", "hello", "auto" as const, []],
    ["none", "call get_weather", "none" as const, []],
  ])("with tool_choice %s", async (_name, prompt, toolChoice, expected) => {
    const choice = firstChoice(await complete(request(prompt, { tools, tool_choice: toolChoice })));
    expect(choice.message.tool_calls?.map((c) => c.function.name) ?? []).toEqual(expected);
    expect(choice.finish_reason).toBe(expected.length > 0 ? "tool_calls" : "stop");
  });

  it("fills the required parameters with type-appropriate values", async () => {
    const choice = firstChoice(await complete(request("hi", { tools, tool_choice: "required" })));
    const call = choice.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_\w+$/);
    expect(parseJsonSafe(call?.function.arguments ?? "")).toEqual({
      city: expect.any(String),
      days: 1,
      unit: "celsius",
      detailed: true,
      tags: [expect.any(String)],
    });
  });

  it("respects parallel_tool_calls: false", async () => {
    const body = request("get_weather and search_web", { tools, parallel_tool_calls: false });
    expect(firstChoice(await complete(body)).message.tool_calls).toHaveLength(1);
  });

  it("rejects a tool_choice naming an unknown function", async () => {
    const body = request("hi", { tools, tool_choice: { type: "function", function: { name: "nope" } } });
    expect((await simulateChatCompletion(body)).status).toBe(400);
  });

  it("streams the call as an id/name piece then argument fragments", async () => {
    const chunks = await streamChunks(request("hi", { tools, tool_choice: "required" }));
    const pieces = deltas(chunks).flatMap((d) => d.tool_calls ?? []);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      function: { name: "get_weather" },
    });
    const args = pieces.map((p) => p.function?.arguments ?? "").join("");
    expect(parseJsonSafe(args)).toMatchObject({ city: expect.any(String) });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("answers a tool result with text that mentions it", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
    ];
    const choice = firstChoice(await complete({ model: "kimi-k2", messages, tools, tool_choice: "auto" }));
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content).toContain('`get_weather` tool returned: {"temp":21}');
  });
});

describe("streaming", () => {
  it("streams the same text as the non-streaming reply, role first and usage last", async () => {
    const body = request("Tell me about streaming", { stream_options: { include_usage: true } });
    const completion = await complete(body);
    const chunks = await streamChunks(body);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0]?.id)).toBe(true);
    expect(joined(chunks, "content")).toBe(firstChoice(completion).message.content);
    expect(chunks.length).toBeGreaterThan(10);
    const [finish, usage] = chunks.slice(-2);
    expect(finish?.choices[0]?.finish_reason).toBe("stop");
    expect(usage).toMatchObject({ choices: [], usage: completion.usage });
  });

  it("leaves usage out unless asked", async () => {
    const chunks = await streamChunks(request("hi"));
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("drops the connection after N content chunks with [[sim:drop-after=N]]", async () => {
    const response = await simulateChatCompletion(
      request("[[sim:drop-after=2]] tell me a story", { stream: true }),
    );
    const body = response.body ?? expect.fail("no body");
    const contents: string[] = [];
    const read = async () => {
      for await (const event of readSse(body)) {
        const chunk = parseJsonSafe<ChatCompletionChunk>(event.data);
        const content = chunk?.choices[0]?.delta.content;
        if (content) contents.push(content);
      }
    };
    await expect(read()).rejects.toThrow("simulated connection drop");
    expect(contents).toHaveLength(2);
  });

  it("paces chunks by chunkIntervalMs, overridden by [[sim:slow=MS]]", async () => {
    vi.useFakeTimers();
    const response = await simulateChatCompletion(request("[[sim:slow=200]] hi", { stream: true }), {
      chunkIntervalMs: 5000,
    });
    const reader = response.body?.getReader() ?? expect.fail("no body");
    await reader.read();
    let second = false;
    const pending = reader.read().then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(second).toBe(true);
    await reader.cancel();
  });

  it("stops promptly and clears its timers when aborted or cancelled", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const aborted = await simulateChatCompletion(request("hi", { stream: true }), {
      signal: controller.signal,
      chunkIntervalMs: 1000,
    });
    const reader = aborted.body?.getReader() ?? expect.fail("no body");
    await reader.read();
    const pending = reader.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(vi.getTimerCount()).toBe(0);

    const cancelled = await simulateChatCompletion(request("hi", { stream: true }), {
      chunkIntervalMs: 1000,
    });
    const other = cancelled.body?.getReader() ?? expect.fail("no body");
    await other.read();
    void other.read();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await other.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("latency and faults", () => {
  it("waits latencyMs before responding", async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = simulateChatCompletion(request("hi"), { latencyMs: 300 }).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it("fails with failRate according to options.random", async () => {
    const failed = await simulateChatCompletion(request("hi"), { failRate: 0.5, random: () => 0.49 });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      error: { message: "simulated upstream failure", type: "server_error" },
    });
    const passed = await simulateChatCompletion(request("hi"), { failRate: 0.5, random: () => 0.5 });
    expect(passed.status).toBe(200);
  });

  it.each([
    ["[[sim:fail=429]] hi", undefined, 429],
    ["[[sim:fail=503]] hi", undefined, 503],
    ["[[sim:fail=400]] hi", undefined, 400],
    ["[[sim:fail=500@primary]] hi", "primary", 500],
    ["[[sim:fail=500@primary]] hi", "backup", 200],
    ["[[sim:fail=500@primary]] hi", undefined, 200],
  ])("%s on simulator %s answers %i", async (prompt, name, status) => {
    const response = await simulateChatCompletion(request(prompt), { name });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error?: { message: string; type: string } };
    if (status !== 200) expect(body.error?.type).toMatch(/error$/);
    expect(response.headers.get("retry-after")).toBe(status === 429 ? "1" : null);
  });

  it("only reads directives from the last user message", async () => {
    const body: SimulatorRequest = {
      model: "kimi-k2",
      messages: [
        { role: "user", content: "[[sim:fail=500]]" },
        { role: "assistant", content: "ok" },
        { role: "user", content: "hi" },
      ],
    };
    expect((await simulateChatCompletion(body)).status).toBe(200);
  });

  it("hangs before headers until aborted with [[sim:hang]]", async () => {
    const controller = new AbortController();
    let settled = false;
    const pending = simulateChatCompletion(request("[[sim:hang]]"), { signal: controller.signal }).finally(
      () => {
        settled = true;
      },
    );
    await Promise.resolve();
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
