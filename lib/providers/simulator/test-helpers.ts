// Request builders and response readers shared by the simulator's tests (test-only).

import { expect } from "vitest";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletion, ChatCompletionChunk, ToolDefinition } from "@/lib/wire/openai";
import { readSse } from "@/lib/wire/sse";
import { type SimulatorOptions, type SimulatorRequest, simulateChatCompletion } from ".";

export const request = (content: string, extra: Partial<SimulatorRequest> = {}): SimulatorRequest => ({
  model: "kimi-k2-0905-preview",
  messages: [{ role: "user", content }],
  ...extra,
});

export async function complete(body: SimulatorRequest, options?: SimulatorOptions): Promise<ChatCompletion> {
  const response = await simulateChatCompletion(body, options);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as ChatCompletion;
}

export const firstChoice = (completion: ChatCompletion) => {
  const choice = completion.choices[0];
  if (!choice) throw new Error("no choices");
  return choice;
};

export async function streamEvents(response: Response): Promise<string[]> {
  if (!response.body) throw new Error("no body");
  const data: string[] = [];
  for await (const event of readSse(response.body)) data.push(event.data);
  return data;
}

export async function streamChunks(body: SimulatorRequest, options?: SimulatorOptions) {
  const response = await simulateChatCompletion({ ...body, stream: true }, options);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const data = await streamEvents(response);
  expect(data.at(-1)).toBe("[DONE]");
  return data.slice(0, -1).map((d) => parseJsonSafe<ChatCompletionChunk>(d) ?? expect.fail(`bad chunk ${d}`));
}

export const deltas = (chunks: ChatCompletionChunk[]) =>
  chunks.flatMap((c) => c.choices.map((choice) => choice.delta));
export const joined = (chunks: ChatCompletionChunk[], key: "content" | "reasoning_content") =>
  deltas(chunks)
    .map((d) => d[key] ?? "")
    .join("");

export const weatherTool: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        days: { type: "integer", minimum: 1 },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        detailed: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        optional: { type: "string" },
      },
      required: ["city", "days", "unit", "detailed", "tags"],
    },
  },
};
