import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import { type AnthropicStreamEvent, AnthropicStreamTranslator, encodeAnthropicEvent } from "./index";
import { chunk, TEXT_STREAM, THINKING_STREAM, TOOL_STREAM, translate, WEATHER_ARGS } from "./test-fixtures";

function shape(events: AnthropicStreamEvent[]): string[] {
  return events.map((e) => {
    if (e.type === "content_block_delta") return `${e.index}:${e.delta.type}`;
    if (e.type === "content_block_start") return `${e.index}:start:${e.content_block.type}`;
    if (e.type === "content_block_stop") return `${e.index}:stop`;
    if (e.type === "message_delta") return `message_delta:${e.delta.stop_reason}`;
    return e.type;
  });
}

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
