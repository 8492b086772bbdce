import { describe, expect, it } from "vitest";
import { AppError, zodToAppError } from "@/lib/errors";
import { findModel, type ModelInfo } from "@/lib/providers/catalog";
import type { ChatMessage } from "@/lib/wire/openai";
import {
  applyModelRules,
  chatRequestSchema,
  estimatePromptTokens,
  type ParsedChatRequest,
  repairThinkingHistory,
} from "./openai";

const user = [{ role: "user", content: "hi" }];
const tool = (name: string) => ({ type: "function", function: { name, parameters: { type: "object" } } });

// The rules' mechanics, on models of the shapes the catalog can hold: a text-only chat model with
// every parameter open, and a model that always thinks and takes top_k.
const textChat: ModelInfo = {
  ...(findModel("kimi-k2.6") as ModelInfo),
  id: "text-chat",
  aliases: [],
  vision: false,
  thinking: false,
  thinkingMode: "never",
  contextWindow: 131_072,
  maxOutput: 32_768,
  rules: {
    temperature: { min: 0, max: 2, default: 0.6 },
    topP: { min: 0, max: 1, default: 1 },
    topK: false,
    maxN: 5,
    penalties: true,
    seed: false,
    tools: true,
    jsonMode: true,
  },
};
const oldThinking: ModelInfo = {
  ...textChat,
  id: "old-thinking",
  thinking: true,
  thinkingMode: "always",
  rules: { ...textChat.rules, temperature: { min: 0, max: 2, default: 1 }, topK: true },
};
const FIXTURES = new Map([textChat, oldThinking].map((m) => [m.id, m]));

function model(id: string): ModelInfo {
  const found = FIXTURES.get(id) ?? findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}

/** The AppError a request body fails with, from the schema or the model's rules. */
function failure(body: Record<string, unknown>, modelId = "text-chat"): AppError | undefined {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) return zodToAppError(parsed.error);
  try {
    applyModelRules(parsed.data, model(modelId));
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

function parse(body: Record<string, unknown>): ParsedChatRequest {
  return chatRequestSchema.parse(body);
}

describe("chatRequestSchema and applyModelRules: out-of-range parameters", () => {
  it.each<[string, Record<string, unknown>, string, string?]>([
    ["temperature above 2", { temperature: 2.5 }, "temperature"],
    ["temperature below 0", { temperature: -0.1 }, "temperature"],
    ["top_p above 1", { top_p: 1.5 }, "top_p"],
    ["n above 5", { n: 6 }, "n"],
    ["n of 0", { n: 0 }, "n"],
    ["n not an integer", { n: 1.5 }, "n"],
    ["presence_penalty below -2", { presence_penalty: -3 }, "presence_penalty"],
    ["frequency_penalty above 2", { frequency_penalty: 2.01 }, "frequency_penalty"],
    ["6 stop sequences", { stop: ["a", "b", "c", "d", "e", "f"] }, "stop"],
    ["a 33-byte stop sequence", { stop: ["x".repeat(33)] }, "stop"],
    ["a 33-byte stop string", { stop: "x".repeat(33) }, "stop"],
    ["a stop sequence of 11 three-byte characters", { stop: ["€".repeat(11)] }, "stop"],
    ["max_tokens above the model's max output", { max_tokens: 32_769 }, "max_tokens"],
    [
      "max_completion_tokens above the model's max output",
      { max_completion_tokens: 40_000 },
      "max_completion_tokens",
    ],
    ["max_tokens of 0", { max_tokens: 0 }, "max_tokens"],
    ["129 tools", { tools: Array.from({ length: 129 }, (_, i) => tool(`f${i}`)) }, "tools"],
    ["a tool name with spaces", { tools: [tool("has space")] }, "tools.0.function.name"],
    ["top_k on a model without it", { top_k: 5 }, "top_k"],
    ["response_format xml", { response_format: { type: "xml" } }, "response_format.type"],
    [
      "tool_choice naming an unknown function",
      { tools: [tool("a")], tool_choice: { type: "function", function: { name: "b" } } },
      "tool_choice",
    ],
    ["tool_choice as an unknown string", { tool_choice: "always" }, "tool_choice"],
    [
      "an image for a text-only model",
      { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:," } }] }] },
      "messages",
    ],
    ["user longer than 256 characters", { user: "u".repeat(257) }, "user"],
    ["seed not an integer", { seed: 1.5 }, "seed"],
  ])("%s → 400 invalid_request with param %s", (_label, extra, param) => {
    const error = failure({ model: "text-chat", messages: user, ...extra });
    expect(error?.code).toBe("invalid_request");
    expect(error?.status).toBe(400);
    expect(error?.param).toBe(param);
    expect(error?.message.length).toBeGreaterThan(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ["temperature 0 and 2", { temperature: 2 }],
    ["top_p 0", { top_p: 0 }],
    ["n 5", { n: 5 }],
    ["penalties at ±2", { presence_penalty: -2, frequency_penalty: 2 }],
    ["5 stop sequences of 32 bytes", { stop: Array.from({ length: 5 }, () => "y".repeat(32)) }],
    ["max_tokens at the model's max output", { max_tokens: 32_768 }],
    ["128 tools", { tools: Array.from({ length: 128 }, (_, i) => tool(`f${i}`)) }],
    ["json_object mode", { response_format: { type: "json_object" } }],
    ["nulls for optional parameters", { temperature: null, stop: null, tools: null, stream_options: null }],
  ])("accepts the edge: %s", (_label, extra) => {
    expect(failure({ model: "text-chat", messages: user, ...extra })).toBeUndefined();
  });

  it("accepts top_k on a thinking model and an image on kimi-k2.6", () => {
    expect(failure({ model: "old-thinking", messages: user, top_k: 5 }, "old-thinking")).toBeUndefined();
    const image = [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:," } }] }];
    expect(failure({ model: "kimi-k2.6", messages: image }, "kimi-k2.6")).toBeUndefined();
  });
});

describe("chatRequestSchema: malformed requests", () => {
  it.each<[string, unknown, string | null]>([
    ["no model", { messages: user }, "model"],
    ["an empty model", { model: "", messages: user }, "model"],
    ["messages as a string", { model: "text-chat", messages: "hello" }, "messages"],
    ["no messages", { model: "text-chat" }, "messages"],
    ["empty messages", { model: "text-chat", messages: [] }, "messages"],
    [
      "an unknown role",
      { model: "text-chat", messages: [{ role: "wizard", content: "x" }] },
      "messages.0.role",
    ],
    [
      "a tool message without tool_call_id",
      { model: "text-chat", messages: [{ role: "tool", content: "x" }] },
      "messages.0.tool_call_id",
    ],
    ["temperature as a string", { model: "text-chat", messages: user, temperature: "hot" }, "temperature"],
    ["stream as a string", { model: "text-chat", messages: user, stream: "yes" }, "stream"],
    ["a JSON array body", [1, 2], null],
  ])("%s → invalid_request (param %s)", (_label, body, param) => {
    const parsed = chatRequestSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = zodToAppError(parsed.error);
    expect(error.code).toBe("invalid_request");
    expect(error.param).toBe(param);
  });

  it("strips unknown fields, so nothing a client adds can redirect a request", () => {
    const parsed = parse({
      model: "text-chat",
      messages: user,
      base_url: "http://evil",
      api_base: "http://evil",
      provider: "x",
    });
    expect(parsed).not.toHaveProperty("base_url");
    expect(parsed).not.toHaveProperty("api_base");
    const out = applyModelRules(parsed, model("text-chat"));
    expect(Object.keys(out).sort()).toEqual(["messages", "model"]);
    // A toggle model's request always says whether it thinks, and nothing more.
    const k26 = applyModelRules(parse({ ...parsed, model: "kimi-k2.6" }), model("kimi-k2.6"));
    expect(Object.keys(k26).sort()).toEqual(["messages", "model", "thinking"]);
  });
});

describe("applyModelRules: what is sent upstream", () => {
  it("maps max_completion_tokens to max_tokens, keeps stream options only when streaming", () => {
    const out = applyModelRules(
      parse({
        model: "text-chat",
        messages: user,
        max_completion_tokens: 50,
        stream_options: { include_usage: true },
      }),
      model("text-chat"),
    );
    expect(out.max_tokens).toBe(50);
    expect(out).not.toHaveProperty("max_completion_tokens");
    expect(out).not.toHaveProperty("stream_options");
    const streamed = applyModelRules(
      parse({ model: "text-chat", messages: user, stream: true, stream_options: {} }),
      model("text-chat"),
    );
    expect(streamed.stream_options).toEqual({ include_usage: false });
  });

  it("forwards seed only to models that document it", () => {
    expect(
      applyModelRules(parse({ model: "text-chat", messages: user, seed: 7 }), model("text-chat")).seed,
    ).toBeUndefined();
    expect(
      applyModelRules(parse({ model: "kimi-k2.6", messages: user, seed: 7 }), model("kimi-k2.6")).seed,
    ).toBe(7);
  });

  it("rejects an input larger than the context window", () => {
    const big = "word ".repeat(4 * 140_000);
    const error = failure({ model: "text-chat", messages: [{ role: "user", content: big }] });
    expect(error?.code).toBe("context_length_exceeded");
    expect(error?.param).toBe("messages");
  });

  it("repairs a thinking model's replayed tool-call turn, and only on thinking models", () => {
    const history = [
      { role: "user", content: "weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "get", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "sunny" },
    ];
    const thinking = applyModelRules(
      parse({ model: "old-thinking", messages: history }),
      model("old-thinking"),
    );
    expect(thinking.messages[1]?.reasoning_content).toBeTruthy();
    const plain = applyModelRules(parse({ model: "text-chat", messages: history }), model("text-chat"));
    expect(plain.messages[1]?.reasoning_content).toBeUndefined();
  });
});

describe("applyModelRules: the catalog's kimi-k2.6 and the ids it serves", () => {
  it("thinks by default, switches with thinking, and says so upstream either way", () => {
    expect(
      applyModelRules(parse({ model: "kimi-k2.6", messages: user }), model("kimi-k2.6")).thinking,
    ).toEqual({
      type: "enabled",
    });
    const off = parse({ model: "kimi-k2.6", messages: user, thinking: { type: "disabled" } });
    expect(applyModelRules(off, model("kimi-k2.6")).thinking).toEqual({ type: "disabled" });
  });

  it("serves deprecated ids with their own habit: kimi-k2 does not think, kimi-k2-thinking does", () => {
    expect(applyModelRules(parse({ model: "kimi-k2", messages: user }), model("kimi-k2")).thinking).toEqual({
      type: "disabled",
    });
    const thinking = model("kimi-k2-thinking");
    expect(thinking.servedBy).toBe("kimi-k2.6");
    expect(applyModelRules(parse({ model: "kimi-k2-thinking", messages: user }), thinking).thinking).toEqual({
      type: "enabled",
    });
  });

  it("does not forward the values kimi-k2.6 fixes, and refuses n above 1", () => {
    const out = applyModelRules(
      parse({ model: "kimi-k2.6", messages: user, temperature: 0.2, top_p: 0.5, presence_penalty: 1 }),
      model("kimi-k2.6"),
    );
    expect(out).not.toHaveProperty("temperature");
    expect(out).not.toHaveProperty("top_p");
    expect(out).not.toHaveProperty("presence_penalty");
    expect(failure({ model: "kimi-k2.6", messages: user, n: 2 }, "kimi-k2.6")?.param).toBe("n");
  });

  it("refuses thinking on a model where it is no switch", () => {
    const error = failure({ model: "text-chat", messages: user, thinking: { type: "enabled" } }, "text-chat");
    expect(error?.code).toBe("invalid_request");
    expect(error?.param).toBe("thinking");
    expect(error?.message).toContain("text-chat does not think");
  });
});

describe("repairThinkingHistory", () => {
  it("keeps reasoning the client sent and leaves turns without tool calls alone", () => {
    const messages: ChatMessage[] = [
      { role: "assistant", content: "a" },
      {
        role: "assistant",
        content: null,
        reasoning_content: "mine",
        tool_calls: [{ id: "1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "2", type: "function", function: { name: "f", arguments: "{}" } }],
      },
    ];
    const repaired = repairThinkingHistory(messages);
    expect(repaired[0]?.reasoning_content).toBeUndefined();
    expect(repaired[1]?.reasoning_content).toBe("mine");
    expect(repaired[2]?.reasoning_content?.length).toBeGreaterThan(0);
    expect(messages[2]?.reasoning_content).toBeUndefined();
  });
});

describe("estimatePromptTokens", () => {
  it("counts ~4 characters per token plus 4 per message, tools included", () => {
    expect(estimatePromptTokens([{ role: "user", content: "x".repeat(40) }])).toBe(14);
    expect(
      estimatePromptTokens([{ role: "user", content: [{ type: "text", text: "abcd" }] }], [{ a: 1 }]),
    ).toBeGreaterThan(5);
  });
});
