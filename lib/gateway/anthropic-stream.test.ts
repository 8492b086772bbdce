import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { ChatCompletionChunk } from "@/lib/wire/openai";
import { AnthropicStreamTranslator } from "./anthropic";
import { anthropicEventStream } from "./anthropic-stream";

function chunk(delta: ChatCompletionChunk["choices"][number]["delta"], finish: string | null = null) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "kimi-k2",
    choices: [{ index: 0, delta, finish_reason: finish }],
  } as ChatCompletionChunk;
}

const translator = () =>
  new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_1", inputTokens: 5 });

async function* from(chunks: ChatCompletionChunk[], failWith?: Error) {
  for (const c of chunks) yield c;
  if (failWith) throw failWith;
}

/** The `event:` names of a whole SSE body, and the body. */
async function read(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return { text, names: [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]) };
}

describe("anthropicEventStream", () => {
  it("sends Anthropic's event sequence, skipping chunks that make no event", async () => {
    const chunks = [
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      { ...chunk({}, "stop"), usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
    ];
    const { names, text } = await read(
      anthropicEventStream(from(chunks), { translator: translator(), cancel: vi.fn(), fail: vi.fn() }),
    );
    expect(names).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(text).toContain('"stop_reason":"end_turn"');
    expect(text).toContain('"output_tokens":2');
  });

  it.each([
    {
      name: "an AppError keeps its code's type and message",
      error: new AppError("upstream_timeout", "The upstream stopped sending (idle timeout)."),
      type: "timeout_error",
      message: "The upstream stopped sending (idle timeout).",
    },
    {
      name: "anything else is a generic api_error, details hidden",
      error: new Error("ECONNRESET 10.0.0.7:443"),
      type: "api_error",
      message: "Internal server error.",
    },
  ])("a failure after the first byte becomes one `event: error`: $name", async ({ error, type, message }) => {
    const { names, text } = await read(
      anthropicEventStream(from([chunk({ content: "Hi" })], error), {
        translator: translator(),
        cancel: vi.fn(),
        fail: vi.fn(),
      }),
    );
    expect(names).toEqual(["message_start", "content_block_start", "ping", "content_block_delta", "error"]);
    expect(text).toContain(
      `event: error\ndata: ${JSON.stringify({ type: "error", error: { type, message } })}\n\n`,
    );
    expect(text).not.toContain("ECONNRESET");
  });

  it("ends the upstream through the pipeline when the translator cannot express a chunk", async () => {
    const chunks = [
      chunk({
        tool_calls: [{ index: 0, id: "a", type: "function", function: { name: "f", arguments: "" } }],
      }),
      chunk({
        tool_calls: [{ index: 1, id: "b", type: "function", function: { name: "g", arguments: "" } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }),
    ];
    const fail = vi.fn(async () => {});
    const { names, text } = await read(
      anthropicEventStream(from(chunks), { translator: translator(), cancel: vi.fn(), fail }),
    );
    expect(fail).toHaveBeenCalledWith(expect.objectContaining({ code: "upstream_error" }));
    expect(names.at(-1)).toBe("error");
    expect(text).toContain("could not be translated");
  });

  it("a client that goes away cancels the upstream and closes the chunk source", async () => {
    const cancel = vi.fn();
    let finished = false;
    async function* endless() {
      try {
        for (;;) yield chunk({ content: "more " });
      } finally {
        finished = true;
      }
    }
    const reader = anthropicEventStream(endless(), {
      translator: translator(),
      cancel,
      fail: vi.fn(),
    }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(cancel).toHaveBeenCalledOnce();
    expect(finished).toBe(true);
  });
});
