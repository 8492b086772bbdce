import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletionChunk } from "@/lib/wire/openai";
import { readSse } from "@/lib/wire/sse";
import { simulateChatCompletion } from ".";
import { complete, firstChoice, joined, request, streamChunks } from "./test-helpers";

afterEach(() => {
  vi.useRealTimers();
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
