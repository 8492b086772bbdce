import Anthropic from "@anthropic-ai/sdk";
import type { Message, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import {
  type AnthropicMessage,
  type AnthropicRequest,
  type AnthropicStreamEvent,
  AnthropicStreamTranslator,
  anthropicRequestSchema,
  countTokensRequestSchema,
  describeValidationError,
  encodeAnthropicEvent,
  estimateInputTokens,
  fromOpenAIResponse,
  INPUT_TOKEN_ESTIMATE_METHOD,
  toOpenAIRequest,
} from "./anthropic";
import type { ChatCompletion, ChatCompletionChunk, ChatMessage, FinishReason, Usage } from "./openai-types";

const UP = { upstreamModel: "kimi-k2-0905-preview" };

function req(body: Record<string, unknown>): AnthropicRequest {
  return anthropicRequestSchema.parse({ model: "kimi-k2", max_tokens: 256, ...body });
}

function completion(
  message: ChatCompletion["choices"][number]["message"],
  finish: FinishReason | null,
  usage?: Usage,
) {
  const resp: ChatCompletion = {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1,
    model: "kimi-k2-0905-preview",
    choices: [{ index: 0, message, finish_reason: finish }],
  };
  if (usage) resp.usage = usage;
  return resp;
}

const USAGE: Usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

describe("toOpenAIRequest", () => {
  it.each([
    {
      name: "plain text",
      body: { messages: [{ role: "user", content: "Hello" }] },
      messages: [{ role: "user", content: "Hello" }],
    },
    {
      name: "system as a string",
      body: { system: "Be brief.", messages: [{ role: "user", content: "Hi" }] },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    },
    {
      name: "system as text blocks (cache_control ignored)",
      body: {
        system: [
          { type: "text", text: "You are Kimi." },
          { type: "text", text: "Answer in French.", cache_control: { type: "ephemeral" } },
        ],
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      },
      messages: [
        { role: "system", content: "You are Kimi.\n\nAnswer in French." },
        { role: "user", content: "Hi" },
      ],
    },
    {
      name: "image blocks, base64 and url",
      body: {
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
              { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
              { type: "text", text: "What is this?" },
            ],
          },
        ],
      },
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "text", text: "What is this?" },
          ],
        },
      ],
    },
    {
      name: "assistant thinking block becomes reasoning_content",
      body: {
        messages: [
          { role: "user", content: "2+2?" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "Simple sum.", signature: "" },
              { type: "redacted_thinking", data: "opaque" },
              { type: "text", text: "4" },
            ],
          },
          { role: "user", content: "Times 3?" },
        ],
      },
      messages: [
        { role: "user", content: "2+2?" },
        { role: "assistant", content: "4", reasoning_content: "Simple sum." },
        { role: "user", content: "Times 3?" },
      ],
    },
    {
      name: "a trailing assistant turn is a prefill (Moonshot partial mode)",
      body: {
        messages: [
          { role: "user", content: "Name a colour" },
          { role: "assistant", content: "The colour is" },
        ],
      },
      messages: [
        { role: "user", content: "Name a colour" },
        { role: "assistant", content: "The colour is", partial: true },
      ],
    },
  ])("$name", ({ body, messages }) => {
    expect(toOpenAIRequest(req(body), UP)).toStrictEqual({
      model: UP.upstreamModel,
      max_tokens: 256,
      messages,
    });
  });

  it("passes sampling parameters, stop sequences, user and streaming through", () => {
    const out = toOpenAIRequest(
      req({
        messages: [{ role: "user", content: "Hi" }],
        temperature: 0.6, // Anthropic 0–1 and Kimi 0–2, passed unchanged like Kimi's own endpoint
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ["\n\nHuman:", "END"],
        metadata: { user_id: "user-42" },
        stream: true,
        thinking: { type: "enabled", budget_tokens: 2048 },
      }),
      UP,
    );
    expect(out).toStrictEqual({
      model: UP.upstreamModel,
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 256,
      temperature: 0.6,
      top_p: 0.9,
      top_k: 40,
      stop: ["\n\nHuman:", "END"],
      user: "user-42",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("translates a multi-turn tool round trip, tool results first and errors marked", () => {
    const out = toOpenAIRequest(
      req({
        tools: [
          {
            name: "get_weather",
            description: "Weather for a city",
            input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
          { name: "screenshot", input_schema: { type: "object" } },
        ],
        messages: [
          { role: "user", content: "Weather in Paris and a screenshot?" },
          {
            role: "assistant",
            content: [
              { type: "text", text: "Checking." },
              {
                type: "tool_use",
                id: "functions.get_weather:0",
                name: "get_weather",
                input: { city: "Paris" },
              },
              { type: "tool_use", id: "functions.screenshot:1", name: "screenshot", input: {} },
            ],
          },
          {
            role: "user",
            content: [
              { type: "text", text: "Be quick." },
              {
                type: "tool_result",
                tool_use_id: "functions.get_weather:0",
                content: "upstream timeout",
                is_error: true,
              },
              {
                type: "tool_result",
                tool_use_id: "functions.screenshot:1",
                content: [
                  { type: "text", text: "Captured." },
                  { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } },
                ],
              },
            ],
          },
        ],
      }),
      UP,
    );
    const expected: ChatMessage[] = [
      { role: "user", content: "Weather in Paris and a screenshot?" },
      {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          {
            id: "functions.get_weather:0",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
          {
            id: "functions.screenshot:1",
            type: "function",
            function: { name: "screenshot", arguments: "{}" },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "functions.get_weather:0",
        name: "get_weather",
        content: "Error: upstream timeout",
      },
      {
        role: "tool",
        tool_call_id: "functions.screenshot:1",
        name: "screenshot",
        content: "Captured.\n[1 image(s) in the next message]",
      },
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/" } },
          { type: "text", text: "Be quick." },
        ],
      },
    ];
    expect(out.messages).toStrictEqual(expected);
    expect(out.tools).toStrictEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
      { type: "function", function: { name: "screenshot", parameters: { type: "object" } } },
    ]);
  });

  const tools = [{ name: "lookup", input_schema: { type: "object" } }];
  it.each([
    { choice: { type: "auto" }, tool_choice: "auto", parallel: undefined },
    { choice: { type: "any" }, tool_choice: "required", parallel: undefined },
    { choice: { type: "none" }, tool_choice: "none", parallel: undefined },
    {
      choice: { type: "tool", name: "lookup" },
      tool_choice: { type: "function", function: { name: "lookup" } },
      parallel: undefined,
    },
    { choice: { type: "auto", disable_parallel_tool_use: true }, tool_choice: "auto", parallel: false },
    {
      choice: { type: "any", disable_parallel_tool_use: false },
      tool_choice: "required",
      parallel: undefined,
    },
  ])(
    "tool_choice $choice.type (disable_parallel: $choice.disable_parallel_tool_use)",
    ({ choice, tool_choice, parallel }) => {
      const out = toOpenAIRequest(
        req({ tools, tool_choice: choice, messages: [{ role: "user", content: "x" }] }),
        UP,
      );
      expect(out.tool_choice).toStrictEqual(tool_choice);
      expect(out.parallel_tool_calls).toBe(parallel);
    },
  );
});

describe("fromOpenAIResponse", () => {
  it("maps a plain reply with usage and a fresh msg_ id", () => {
    const message = fromOpenAIResponse(completion({ role: "assistant", content: "Paris." }, "stop", USAGE), {
      model: "kimi-k2",
    });
    expect(message.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(message).toStrictEqual({
      id: message.id,
      type: "message",
      role: "assistant",
      model: "kimi-k2",
      content: [{ type: "text", text: "Paris.", citations: null }],
      stop_reason: "end_turn",
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 12,
        output_tokens: 7,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        speed: null,
      },
    });
    // Type-level check that the shape is what the SDK's own Message type accepts.
    const sdkMessage: Message = message;
    expect(sdkMessage.type).toBe("message");
  });

  interface StopRow {
    finish: FinishReason | null;
    toolCalls?: boolean;
    stops?: string[];
    /** Extra fields some upstreams put on the choice (vLLM `stop_reason`, SGLang `matched_stop`). */
    upstream?: Record<string, unknown>;
    reason: AnthropicMessage["stop_reason"];
    sequence?: string;
  }
  it.each<StopRow>([
    { finish: "stop", reason: "end_turn" },
    { finish: "length", reason: "max_tokens" },
    { finish: "tool_calls", toolCalls: true, reason: "tool_use" },
    { finish: "stop", toolCalls: true, reason: "tool_use" },
    { finish: "content_filter", reason: "refusal" },
    { finish: null, reason: "end_turn" },
    // Kimi gives no signal which stop sequence matched: report end_turn rather than guess.
    { finish: "stop", stops: ["END"], reason: "end_turn" },
    {
      finish: "stop",
      stops: ["END"],
      upstream: { matched_stop: "END" },
      reason: "stop_sequence",
      sequence: "END",
    },
    {
      finish: "stop",
      stops: ["END"],
      upstream: { stop_reason: "END" },
      reason: "stop_sequence",
      sequence: "END",
    },
    { finish: "stop", stops: ["END"], upstream: { matched_stop: 151643 }, reason: "end_turn" },
    { finish: "stop", stops: ["END"], upstream: { matched_stop: "OTHER" }, reason: "end_turn" },
    { finish: "length", stops: ["END"], upstream: { matched_stop: "END" }, reason: "max_tokens" },
  ])(
    "finish_reason $finish, stops $stops, upstream $upstream → $reason",
    ({ finish, toolCalls, stops, upstream, reason, sequence }) => {
      const calls = [{ id: "call_1", type: "function" as const, function: { name: "f", arguments: "{}" } }];
      const resp = completion(
        { role: "assistant", content: "ok", ...(toolCalls && { tool_calls: calls }) },
        finish,
        USAGE,
      );
      if (resp.choices[0] && upstream) Object.assign(resp.choices[0], upstream);
      const message = fromOpenAIResponse(resp, { model: "kimi-k2", ...(stops && { stopSequences: stops }) });
      expect([message.stop_reason, message.stop_sequence]).toStrictEqual([reason, sequence ?? null]);
      expect(message.stop_details).toStrictEqual(
        reason === "refusal" ? { type: "refusal", category: null, explanation: null } : null,
      );
    },
  );

  it("orders thinking → text → tool_use, parses arguments and survives invalid JSON", () => {
    const message = fromOpenAIResponse(
      completion(
        {
          role: "assistant",
          content: "Let me look.",
          reasoning_content: "User wants weather.",
          tool_calls: [
            {
              id: "functions.get_weather:0",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            {
              id: "functions.broken:1",
              type: "function",
              function: { name: "broken", arguments: '{"city": "Par' },
            },
            { id: "functions.array:2", type: "function", function: { name: "array", arguments: "[1,2]" } },
          ],
        },
        "tool_calls",
        USAGE,
      ),
      { model: "kimi-k2-thinking", messageId: "msg_fixed" },
    );
    expect(message.id).toBe("msg_fixed");
    expect(message.content).toStrictEqual([
      { type: "thinking", thinking: "User wants weather.", signature: "" },
      { type: "text", text: "Let me look.", citations: null },
      {
        type: "tool_use",
        id: "functions.get_weather:0",
        name: "get_weather",
        input: { city: "Paris" },
        caller: { type: "direct" },
      },
      { type: "tool_use", id: "functions.broken:1", name: "broken", input: {}, caller: { type: "direct" } },
      { type: "tool_use", id: "functions.array:2", name: "array", input: {}, caller: { type: "direct" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  it("round-trips: a reply replayed as history gives back the upstream's assistant message", () => {
    const upstream = {
      role: "assistant" as const,
      content: "",
      reasoning_content: "Need the weather.",
      tool_calls: [
        {
          id: "functions.get_weather:0",
          type: "function" as const,
          function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
        },
      ],
    };
    const reply = fromOpenAIResponse(completion(upstream, "tool_calls", USAGE), {
      model: "kimi-k2-thinking",
    });
    const next = toOpenAIRequest(
      req({
        tools: [{ name: "get_weather", input_schema: { type: "object" } }],
        messages: [
          { role: "user", content: "Oslo?" },
          { role: "assistant", content: reply.content },
          {
            role: "user",
            content: [{ type: "tool_result", tool_use_id: "functions.get_weather:0", content: "-3°C" }],
          },
        ],
      }),
      UP,
    );
    expect(next.messages.slice(1)).toStrictEqual([
      upstream,
      { role: "tool", tool_call_id: "functions.get_weather:0", name: "get_weather", content: "-3°C" },
    ]);
  });

  it("estimates output tokens when the upstream reports no usage", () => {
    const message = fromOpenAIResponse(completion({ role: "assistant", content: "a".repeat(10) }, "stop"), {
      model: "kimi-k2",
    });
    expect([message.usage.input_tokens, message.usage.output_tokens]).toStrictEqual([0, 3]);
  });
});

// ── Streaming ─────────────────────────────────────────────────────────────────────────────────

type Delta = ChatCompletionChunk["choices"][number]["delta"];

function chunk(
  delta: Delta,
  finish: FinishReason | null = null,
  extra: Partial<ChatCompletionChunk> = {},
): ChatCompletionChunk {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "kimi-k2",
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  };
}

function translate(
  chunks: ChatCompletionChunk[],
  opts: { inputTokens?: number; stopSequences?: string[] } = {},
) {
  const t = new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_test", ...opts });
  return [...t.start(), ...chunks.flatMap((c) => t.push(c)), ...t.finish()];
}

function shape(events: AnthropicStreamEvent[]): string[] {
  return events.map((e) => {
    if (e.type === "content_block_delta") return `${e.index}:${e.delta.type}`;
    if (e.type === "content_block_start") return `${e.index}:start:${e.content_block.type}`;
    if (e.type === "content_block_stop") return `${e.index}:stop`;
    if (e.type === "message_delta") return `message_delta:${e.delta.stop_reason}`;
    return e.type;
  });
}

const TEXT_STREAM = [
  chunk({ role: "assistant", content: "" }),
  chunk({ content: "Hel" }),
  chunk({ content: "lo" }),
  chunk({}, "stop"),
  { ...chunk({}), choices: [], usage: USAGE },
];

const THINKING_STREAM = [
  chunk({ role: "assistant", reasoning_content: "The user " }),
  chunk({ reasoning_content: "says hi." }),
  chunk({ content: "Hi!" }),
  chunk({}, "stop", { choices: [{ index: 0, delta: {}, finish_reason: "stop", usage: USAGE }] }),
];

const WEATHER_ARGS = { city: "Paris", days: 3, units: "metric" };
const TOOL_STREAM = [
  chunk({ role: "assistant", content: "Checking." }),
  chunk({
    tool_calls: [
      {
        index: 0,
        id: "functions.get_weather:0",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Pa' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: 'ris", "days": 3, ' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"units": "metric"}' } }] }),
  chunk({}, "tool_calls", { usage: USAGE }),
];

describe("AnthropicStreamTranslator", () => {
  it("text only: message_start, block start, ping, deltas, stop, message_delta, message_stop", () => {
    const events = translate(TEXT_STREAM);
    expect(shape(events)).toStrictEqual([
      "message_start",
      "0:start:text",
      "ping",
      "0:text_delta",
      "0:text_delta",
      "0:stop",
      "message_delta:end_turn",
      "message_stop",
    ]);
    const texts = events.flatMap((e) =>
      e.type === "content_block_delta" && e.delta.type === "text_delta" ? [e.delta.text] : [],
    );
    expect(texts).toStrictEqual(["Hel", "lo"]);
  });

  it("reasoning then text: a thinking block sealed with a signature_delta, then a text block", () => {
    expect(shape(translate(THINKING_STREAM))).toStrictEqual([
      "message_start",
      "0:start:thinking",
      "ping",
      "0:thinking_delta",
      "0:thinking_delta",
      "0:signature_delta",
      "0:stop",
      "1:start:text",
      "1:text_delta",
      "1:stop",
      "message_delta:end_turn",
      "message_stop",
    ]);
  });

  it("tool call arguments in 3 pieces become input_json_delta's that concatenate to the original JSON", () => {
    const events = translate(TOOL_STREAM);
    expect(shape(events)).toStrictEqual([
      "message_start",
      "0:start:text",
      "ping",
      "0:text_delta",
      "0:stop",
      "1:start:tool_use",
      "1:input_json_delta",
      "1:input_json_delta",
      "1:input_json_delta",
      "1:stop",
      "message_delta:tool_use",
      "message_stop",
    ]);
    const start = events.find((e) => e.type === "content_block_start" && e.index === 1);
    expect(start).toStrictEqual({
      type: "content_block_start",
      index: 1,
      content_block: {
        type: "tool_use",
        id: "functions.get_weather:0",
        name: "get_weather",
        input: {},
        caller: { type: "direct" },
      },
    });
    const json = events
      .flatMap((e) =>
        e.type === "content_block_delta" && e.delta.type === "input_json_delta" ? [e.delta.partial_json] : [],
      )
      .join("");
    expect(JSON.parse(json)).toStrictEqual(WEATHER_ARGS);
  });

  it("opens one tool_use block per tool call index", () => {
    const events = translate([
      chunk({
        tool_calls: [{ index: 0, id: "a", type: "function", function: { name: "one", arguments: "{}" } }],
      }),
      chunk({
        tool_calls: [
          { index: 1, id: "b", type: "function", function: { name: "two", arguments: '{"x":1}' } },
        ],
      }),
      chunk({}, "tool_calls"),
    ]);
    expect(shape(events).slice(1, -2)).toStrictEqual([
      "0:start:tool_use",
      "ping",
      "0:input_json_delta",
      "0:stop",
      "1:start:tool_use",
      "1:input_json_delta",
      "1:stop",
    ]);
  });

  it("refuses interleaved tool-call arguments rather than corrupting them", () => {
    const t = new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_test" });
    t.start();
    t.push(
      chunk({
        tool_calls: [{ index: 0, id: "a", type: "function", function: { name: "one", arguments: "{" } }],
      }),
    );
    t.push(
      chunk({
        tool_calls: [{ index: 1, id: "b", type: "function", function: { name: "two", arguments: "{" } }],
      }),
    );
    expect(() => t.push(chunk({ tool_calls: [{ index: 0, function: { arguments: "}" } }] }))).toThrow(
      /interleaved/,
    );
  });

  it.each([
    { name: "a trailing usage chunk (OpenAI)", stream: TEXT_STREAM, input: 12, output: 7 },
    { name: "usage inside the choice (Moonshot)", stream: THINKING_STREAM, input: 12, output: 7 },
    {
      name: "no usage at all: output estimated, input left to message_start",
      stream: TEXT_STREAM.slice(0, 4),
      input: null,
      output: 2,
    },
  ])("usage from $name", ({ stream, input, output }) => {
    const events = translate(stream, { inputTokens: 9 });
    const [start] = events;
    expect(start?.type === "message_start" && start.message.usage.input_tokens).toBe(9);
    const delta = events.find((e) => e.type === "message_delta");
    expect(
      delta?.type === "message_delta" && [delta.usage.input_tokens, delta.usage.output_tokens],
    ).toStrictEqual([input, output]);
  });

  it("reports a matched stop sequence when the upstream names it", () => {
    const matched = chunk({}, "stop");
    const choice = matched.choices[0];
    if (choice) Object.assign(choice, { matched_stop: "END" });
    const delta = translate([chunk({ content: "a" }), matched], { stopSequences: ["END"] }).find(
      (e) => e.type === "message_delta",
    );
    expect(delta?.type === "message_delta" && delta.delta).toStrictEqual({
      stop_reason: "stop_sequence",
      stop_sequence: "END",
      stop_details: null,
      container: null,
    });
  });

  it("encodes events as SSE frames named by type, and builds the error event", () => {
    const t = new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_test" });
    expect(encodeAnthropicEvent({ type: "message_stop" })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
    expect(t.error("upstream reset")).toStrictEqual({
      type: "error",
      error: { type: "api_error", message: "upstream reset" },
    });
    expect(encodeAnthropicEvent(t.error("busy", "overloaded_error"))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"busy"}}\n\n',
    );
  });

  it("emits only shapes the SDK's event type accepts", () => {
    const sdkEvents: RawMessageStreamEvent[] = translate([
      ...THINKING_STREAM,
      ...TOOL_STREAM.slice(1),
    ]).flatMap((e) => (e.type === "ping" || e.type === "error" ? [] : [e]));
    expect(sdkEvents.length).toBeGreaterThan(10);
  });
});

// ── The SDK's own stream accumulator over our SSE bytes ───────────────────────────────────────

function sdkClient(sse: string): Anthropic {
  return new Anthropic({
    apiKey: "sk-kimi-test",
    baseURL: "http://gateway.test/api",
    maxRetries: 0,
    fetch: async () => new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } }),
  });
}

async function sdkFinalMessage(sse: string): Promise<Message> {
  const stream = sdkClient(sse).messages.stream({
    model: "kimi-k2",
    max_tokens: 256,
    messages: [{ role: "user", content: "Hi" }],
  });
  // `parsed_output` is the SDK's own structured-output slot, added client-side, never on the wire.
  const { parsed_output, ...message } = await stream.finalMessage();
  expect(parsed_output).toBeNull();
  return message;
}

describe("@anthropic-ai/sdk reading our stream", () => {
  it("accumulates thinking, text and a streamed tool call into the expected final message", async () => {
    const sse = translate([...THINKING_STREAM.slice(0, 3), ...TOOL_STREAM.slice(1)], { inputTokens: 9 })
      .map(encodeAnthropicEvent)
      .join("");
    const expected: AnthropicMessage = {
      id: "msg_test",
      type: "message",
      role: "assistant",
      model: "kimi-k2",
      content: [
        { type: "thinking", thinking: "The user says hi.", signature: "" },
        { type: "text", text: "Hi!", citations: null },
        {
          type: "tool_use",
          id: "functions.get_weather:0",
          name: "get_weather",
          input: WEATHER_ARGS,
          caller: { type: "direct" },
        },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 12,
        output_tokens: 7,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        speed: null,
      },
    };
    expect(await sdkFinalMessage(sse)).toStrictEqual(expected);
  });

  it("matches the non-streaming translation of the same reply", async () => {
    const sse = translate(TEXT_STREAM).map(encodeAnthropicEvent).join("");
    const nonStreaming = fromOpenAIResponse(
      completion({ role: "assistant", content: "Hello" }, "stop", USAGE),
      {
        model: "kimi-k2",
        messageId: "msg_test",
      },
    );
    expect(await sdkFinalMessage(sse)).toStrictEqual(nonStreaming);
  });

  it("surfaces an event: error after the first byte as an SDK error", async () => {
    const t = new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_test" });
    const events = [
      ...t.start(),
      ...t.push(chunk({ content: "partial" })),
      t.error("Upstream connection lost"),
    ];
    await expect(sdkFinalMessage(events.map(encodeAnthropicEvent).join(""))).rejects.toThrow(
      /Upstream connection lost/,
    );
  });
});

// ── Validation and count_tokens ───────────────────────────────────────────────────────────────

describe("anthropicRequestSchema", () => {
  const ok = { model: "kimi-k2", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] };
  const manyTools = Array.from({ length: 129 }, (_, i) => ({
    name: `tool_${i}`,
    input_schema: { type: "object" },
  }));
  it.each([
    {
      name: "missing max_tokens",
      body: { model: "kimi-k2", messages: ok.messages },
      message: "max_tokens: Field required",
    },
    {
      name: "zero max_tokens",
      body: { ...ok, max_tokens: 0 },
      message: "max_tokens: Input should be greater than or equal to 1",
    },
    {
      name: "bad role",
      body: { ...ok, messages: [{ role: "tool", content: "Hi" }] },
      message: "messages.0.role: Input should be 'user' or 'assistant'",
    },
    {
      name: "no messages",
      body: { ...ok, messages: [] },
      message: "messages: List should have at least 1 item",
    },
    {
      name: "too many tools",
      body: { ...ok, tools: manyTools },
      message: "tools: List should have at most 128 items",
    },
    {
      name: "unknown block type",
      body: { ...ok, messages: [{ role: "user", content: [{ type: "document", source: {} }] }] },
      message: "messages.0.content.0.type: Input tag should be one of 'text', 'image', 'tool_result'",
    },
    {
      name: "tool_use in a user turn",
      body: {
        ...ok,
        messages: [{ role: "user", content: [{ type: "tool_use", id: "a", name: "b", input: {} }] }],
      },
      message: "messages.0.content.0.type: Input tag should be one of 'text', 'image', 'tool_result'",
    },
    {
      name: "six stop sequences",
      body: { ...ok, stop_sequences: ["a", "b", "c", "d", "e", "f"] },
      message: "stop_sequences: List should have at most 5 items",
    },
    {
      name: "tool_choice without tools",
      body: { ...ok, tool_choice: { type: "any" } },
      message: "tool_choice: tool_choice may only be specified while providing tools",
    },
    {
      name: "thinking budget below 1024",
      body: { ...ok, thinking: { type: "enabled", budget_tokens: 100 } },
      message: "thinking.budget_tokens: Too small: expected number to be >=1024",
    },
  ])("rejects $name readably", ({ body, message }) => {
    const result = anthropicRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeValidationError(result.error)).toBe(message);
  });

  it("reports the first five problems and counts the rest", () => {
    const messages = Array.from({ length: 40_000 }, () => ({ role: "x", content: "a" }));
    const result = anthropicRequestSchema.safeParse({ ...ok, messages });
    expect(result.success).toBe(false);
    if (!result.success) {
      const roles = [0, 1, 2, 3, 4].map((i) => `messages.${i}.role: Input should be 'user' or 'assistant'`);
      expect(describeValidationError(result.error)).toBe(`${roles.join("; ")}; and 39995 more`);
    }
  });

  it("accepts a full request and drops unknown fields", () => {
    const parsed = anthropicRequestSchema.parse({
      ...ok,
      system: [{ type: "text", text: "S", cache_control: { type: "ephemeral" } }],
      tool_choice: { type: "tool", name: "t" },
      tools: [
        { name: "t", description: "d", input_schema: { type: "object", properties: {} }, cache_control: {} },
      ],
      thinking: { type: "disabled" },
      base_url: "https://evil.example",
    });
    expect(parsed).toStrictEqual({
      ...ok,
      system: [{ type: "text", text: "S" }],
      tool_choice: { type: "tool", name: "t" },
      tools: [{ name: "t", description: "d", input_schema: { type: "object", properties: {} } }],
      thinking: { type: "disabled" },
    });
  });
});

describe("estimateInputTokens", () => {
  it("counts ~4 characters per token plus per-message and per-image overhead", () => {
    const base = req({ system: "a".repeat(40), messages: [{ role: "user", content: "b".repeat(38) }] });
    // ceil(78 / 4) = 20, + 2 messages (system counts) × 4
    expect(estimateInputTokens(base)).toBe(28);
    const withImage = req({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "b".repeat(8) },
            { type: "image", source: { type: "url", url: "https://example.com/a.png" } },
          ],
        },
      ],
    });
    expect(estimateInputTokens(withImage)).toBe(2 + 4 + 1000);
  });

  it("grows with tool definitions and tool traffic", () => {
    const plain = req({ messages: [{ role: "user", content: "Hi" }] });
    const withTools = req({
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ name: "get_weather", description: "Weather for a city", input_schema: { type: "object" } }],
    });
    expect(estimateInputTokens(withTools)).toBeGreaterThan(estimateInputTokens(plain));
  });

  it("is described in one sentence for the docs page", () => {
    expect(INPUT_TOKEN_ESTIMATE_METHOD).toMatch(/^[A-Z][^.]+\.$/);
  });
});

describe("countTokensRequestSchema", () => {
  const messages = [{ role: "user", content: "Hi" }];
  it.each([
    { name: "needs no max_tokens", body: { model: "kimi-k2", messages }, error: null },
    {
      name: "strips sampling fields it does not use",
      body: { model: "kimi-k2", messages, max_tokens: "x", temperature: 9 },
      error: null,
    },
    { name: "still requires messages", body: { model: "kimi-k2" }, error: "messages: Field required" },
    {
      name: "still checks tool_choice against tools",
      body: { model: "kimi-k2", messages, tool_choice: { type: "any" } },
      error: "tool_choice: tool_choice may only be specified while providing tools",
    },
  ])("$name", ({ body, error }) => {
    const parsed = countTokensRequestSchema.safeParse(body);
    expect(parsed.success ? null : describeValidationError(parsed.error)).toBe(error);
    if (parsed.success) expect(Object.keys(parsed.data).sort()).toEqual(["messages", "model"]);
  });
});
