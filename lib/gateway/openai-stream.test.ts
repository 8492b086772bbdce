import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openAIEventStream } from "@/lib/gateway/openai-stream";
import type { ChatCompletionChunk } from "@/lib/wire/openai";

function chunk(content: string | null, extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "kimi-k2",
    choices: content === null ? [] : [{ index: 0, delta: { content }, finish_reason: null }],
    ...extra,
  };
}

async function* from(
  items: ChatCompletionChunk[],
  error?: Error,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  for (const item of items) yield item;
  if (error) throw error;
}

async function events(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((e) => e.replace(/^data: /, ""));
}

const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

describe("openAIEventStream", () => {
  it("encodes chunks in order and ends with [DONE]", async () => {
    const out = await events(
      openAIEventStream(from([chunk("Hel"), chunk("lo")]), { includeUsage: false, cancel: () => {} }),
    );
    expect(out.map((e) => (e === "[DONE]" ? e : JSON.parse(e).choices[0].delta.content))).toEqual([
      "Hel",
      "lo",
      "[DONE]",
    ]);
  });

  it("drops a usage-only chunk the client did not ask for without stalling", async () => {
    const out = await events(
      openAIEventStream(from([chunk("a"), chunk(null, { usage })]), {
        includeUsage: false,
        cancel: () => {},
      }),
    );
    expect(out).toHaveLength(2);
    expect(out[1]).toBe("[DONE]");
  });

  it("adds a final usage chunk when usage came inside the last choice (Moonshot style)", async () => {
    const last = chunk("b");
    (last.choices[0] as { usage?: typeof usage }).usage = usage;
    const out = await events(
      openAIEventStream(from([chunk("a"), last]), { includeUsage: true, cancel: () => {} }),
    );
    const final = JSON.parse(out[2] as string);
    expect(final.choices).toEqual([]);
    expect(final.usage).toEqual(usage);
    expect(out[3]).toBe("[DONE]");
  });

  it("turns a failure after the first byte into an OpenAI error event", async () => {
    const out = await events(
      openAIEventStream(from([chunk("a")], new AppError("upstream_error", "lost")), {
        includeUsage: false,
        cancel: () => {},
      }),
    );
    expect(JSON.parse(out[1] as string)).toEqual({
      error: { message: "lost", type: "server_error", code: "upstream_error", param: null },
    });
    expect(out).not.toContain("[DONE]");
  });

  it("cancelling the stream cancels the upstream and finishes the generator", async () => {
    let cancelled = false;
    let finished = false;
    async function* endless(): AsyncGenerator<ChatCompletionChunk, void, undefined> {
      try {
        for (;;) yield chunk("x");
      } finally {
        finished = true;
      }
    }
    const stream = openAIEventStream(endless(), { includeUsage: false, cancel: () => (cancelled = true) });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(cancelled).toBe(true);
    expect(finished).toBe(true);
  });
});
