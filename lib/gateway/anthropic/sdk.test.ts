import Anthropic from "@anthropic-ai/sdk";
import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import {
  type AnthropicMessage,
  AnthropicStreamTranslator,
  encodeAnthropicEvent,
  fromOpenAIResponse,
} from "./index";
import {
  chunk,
  completion,
  TEXT_STREAM,
  THINKING_STREAM,
  TOOL_STREAM,
  translate,
  USAGE,
  WEATHER_ARGS,
} from "./test-fixtures";

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
