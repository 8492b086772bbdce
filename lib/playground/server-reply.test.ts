import { describe, expect, it, vi } from "vitest";
import type { ChatCompletionChunk } from "@/lib/wire/openai";

vi.mock("server-only", () => ({}));
const writes: Array<{ content: string; status: string; at: number }> = [];
vi.mock("@/lib/data/conversations", () => ({
  // A slow database: each write takes 200 ms.
  writeStreamingReply: async (input: { content: string; status: string }) => {
    await new Promise((r) => setTimeout(r, 200));
    writes.push({ content: input.content, status: input.status, at: performance.now() });
    return true;
  },
}));

const { recordReply, SAVE_INTERVAL_MS } = await import("@/lib/playground/server-reply");

const chunk = (content: string): ChatCompletionChunk => ({
  id: "c",
  object: "chat.completion.chunk",
  created: 0,
  model: "kimi-k2",
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

async function* paced(count: number, everyMs: number) {
  for (let i = 0; i < count; i++) {
    if (everyMs) await new Promise((r) => setTimeout(r, everyMs));
    yield chunk("x");
  }
}

const target = (gone = () => false) => ({
  userId: "u",
  messageId: "m",
  cost: 1,
  upstream: "primary",
  gone,
  startedAt: performance.now(),
});

describe("recordReply", () => {
  it("writes at a bounded rate beside the stream, never holding a chunk back, and the end last", async () => {
    writes.length = 0;
    const started = performance.now();
    let passed = 0;
    let slowest = 0;
    let last = started;
    for await (const _ of recordReply(paced(150, 10), target())) {
      passed++;
      slowest = Math.max(slowest, performance.now() - last);
      last = performance.now();
    }
    const took = performance.now() - started;
    expect(passed).toBe(150);
    // A chunk never waits for a 200 ms write (only the final write is awaited, after the last chunk).
    expect(slowest).toBeLessThan(150);
    const progress = writes.filter((w) => w.status === "streaming");
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(took / SAVE_INTERVAL_MS) + 1);
    expect(writes.at(-1)).toMatchObject({ status: "complete", content: "x".repeat(150) });
  });

  it("a stream the browser left ends as interrupted with what arrived", async () => {
    writes.length = 0;
    let gone = false;
    const reply = recordReply(
      paced(100, 0),
      target(() => gone),
    );
    for await (const _ of reply) {
      if (writes.length === 0 && _.choices.length) {
        gone = true;
        break;
      }
    }
    expect(writes.at(-1)?.status).toBe("interrupted");
    expect(writes.at(-1)?.content).toBe("x");
  });
});
