import { describe, expect, it } from "vitest";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatMessage } from "@/lib/wire/openai";
import { type SimulatorRequest, simulateChatCompletion } from ".";
import { complete, deltas, firstChoice, request, streamChunks } from "./test-helpers";
import { estimateTokens } from "./text";

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

  it("repeats the prompt word for word, line breaks kept, without its directives", async () => {
    const prompt = '```json\n{"a":  1}\n```\n[[sim:repeat]]';
    const completion = await complete(request(prompt, { max_tokens: 1 }));
    expect(firstChoice(completion).message.content).toBe('```json\n{"a":  1}\n```');
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
