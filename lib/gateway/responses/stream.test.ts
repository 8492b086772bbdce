import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "@/lib/wire/openai";
import { type ResponseContext, ResponsesStreamTranslator } from "./index";
import { parseResponsesRequest } from "./schema";

function chunk(
  delta: ChatCompletionChunk["choices"][number]["delta"],
  finish: ChatCompletionChunk["choices"][number]["finish_reason"] = null,
): ChatCompletionChunk {
  return {
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

const ctx = (extra: Partial<ResponseContext> = {}): ResponseContext => ({
  id: `resp_${"a".repeat(32)}`,
  model: "kimi-k2",
  createdAt: 1,
  request: parseResponsesRequest({ model: "kimi-k2", input: "hi" }),
  ...extra,
});

function run(chunks: ChatCompletionChunk[], extra?: Partial<ResponseContext>) {
  const t = new ResponsesStreamTranslator(ctx(extra));
  const events: ResponseStreamEvent[] = [...t.start()];
  for (const c of chunks) events.push(...t.push(c));
  return { t, events };
}

const types = (events: ResponseStreamEvent[]) => events.map((e) => e.type);

describe("ResponsesStreamTranslator", () => {
  it("text: created, in_progress, item and part added, deltas, done events, completed; numbered from 0", () => {
    const { t, events } = run([
      chunk({ role: "assistant" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }, "stop"),
    ]);
    events.push(...t.finish());
    expect(types(events)).toStrictEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toStrictEqual(events.map((_, i) => i));
    const last = events.at(-1);
    if (last?.type !== "response.completed") throw new Error("expected completed");
    expect(last.response.output).toStrictEqual([
      {
        id: `msg_${"a".repeat(32)}_0`,
        type: "message",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "Hello", annotations: [], logprobs: [] }],
      },
    ]);
    expect(last.response.status).toBe("completed");
  });

  it("reasoning then text: a reasoning item with summary events, sealed when asked", () => {
    const { t, events } = run(
      [
        chunk({ reasoning_content: "Think" }),
        chunk({ reasoning_content: "ing" }),
        chunk({ content: "Answer" }, "stop"),
      ],
      { seal: (text) => `sealed:${text}` },
    );
    events.push(...t.finish());
    expect(types(events).slice(2, 10)).toStrictEqual([
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
    ]);
    const done = events.find((e) => e.type === "response.output_item.done");
    expect(done?.type === "response.output_item.done" && done.item).toStrictEqual({
      id: `rs_${"a".repeat(32)}_0`,
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Thinking" }],
      encrypted_content: "sealed:Thinking",
    });
    expect(t.response().usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("tool calls: arguments split over chunks, two calls, each closed with its arguments", () => {
    const { t, events } = run([
      chunk({
        tool_calls: [
          { index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: "call_2", function: { name: "get_time", arguments: "{}" } }] }),
      chunk({}, "tool_calls"),
    ]);
    events.push(...t.finish());
    const deltas = events.flatMap((e) =>
      e.type === "response.function_call_arguments.delta" ? [`${e.output_index}:${e.delta}`] : [],
    );
    expect(deltas).toStrictEqual(['0:{"ci', '0:ty":"Paris"}', "1:{}"]);
    const dones = events.flatMap((e) =>
      e.type === "response.function_call_arguments.done" ? [e.arguments] : [],
    );
    expect(dones).toStrictEqual(['{"city":"Paris"}', "{}"]);
    expect(t.response().output).toMatchObject([
      {
        type: "function_call",
        call_id: "call_1",
        name: "get_weather",
        arguments: '{"city":"Paris"}',
        status: "completed",
      },
      { type: "function_call", call_id: "call_2", name: "get_time", arguments: "{}", status: "completed" },
    ]);
    expect(events.at(-1)?.type).toBe("response.completed");
  });

  it("max output reached: response.incomplete with its reason, the message incomplete", () => {
    const { t, events } = run([chunk({ content: "Once upon" }, "length")]);
    events.push(...t.finish());
    const last = events.at(-1);
    if (last?.type !== "response.incomplete") throw new Error(`expected incomplete, got ${last?.type}`);
    expect(last.response.incomplete_details).toStrictEqual({ reason: "max_output_tokens" });
    expect(last.response.output[0]).toMatchObject({ type: "message", status: "incomplete" });
  });

  it("failure mid-stream: response.failed with the error and what was produced so far", () => {
    const { t, events } = run([chunk({ content: "Half a sen" })]);
    events.push(...t.fail({ code: "server_error", message: "lost" }));
    const last = events.at(-1);
    if (last?.type !== "response.failed") throw new Error("expected failed");
    expect(last.sequence_number).toBe(events.length - 1);
    expect(last.response.status).toBe("failed");
    expect(last.response.error).toStrictEqual({ code: "server_error", message: "lost" });
    expect(last.response.output[0]).toMatchObject({
      status: "incomplete",
      content: [{ text: "Half a sen" }],
    });
  });

  it("usage from the upstream's last chunk becomes the response's usage", () => {
    const { t } = run([
      chunk({ content: "Hi" }, "stop"),
      { ...chunk({}), choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } },
    ]);
    t.finish();
    expect(t.response().usage).toMatchObject({ input_tokens: 7, output_tokens: 3, total_tokens: 10 });
  });
});
