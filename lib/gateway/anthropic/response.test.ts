import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import type { FinishReason } from "@/lib/wire/openai";
import { type AnthropicMessage, fromOpenAIResponse, toOpenAIRequest } from "./index";
import { completion, req, UP, USAGE } from "./test-fixtures";

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
