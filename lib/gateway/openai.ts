import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isFixed, type ModelInfo, reasons } from "@/lib/providers/catalog";
import { TOKENS_PER_MESSAGE, tokensForChars } from "@/lib/tokens";
import type { ChatCompletionRequest, ChatMessage } from "@/lib/wire/openai";
import { schemaInstruction } from "@/lib/wire/structured-output";
import { jsonSchemaFormat } from "./structured-output";

// Validation of OpenAI-format chat requests against the seeds' parameter ranges and the model's
// rules. zod strips unknown fields, so nothing a client adds (base_url, api_base…) can change
// where a request goes.

const textPart = z.object({ type: z.literal("text"), text: z.string() });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: z.string().min(1), detail: z.string().optional() }),
});
const contentSchema = z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart]))]);

const toolCallSchema = z.object({
  id: z.string(),
  type: z.literal("function").default("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: contentSchema, name: z.string().optional() }),
  z.object({ role: z.literal("user"), content: contentSchema, name: z.string().optional() }),
  z.object({
    role: z.literal("assistant"),
    content: contentSchema.nullish().transform((c) => c ?? null),
    name: z.string().optional(),
    reasoning_content: z.string().optional(),
    tool_calls: z.array(toolCallSchema).optional(),
    partial: z.boolean().optional(),
  }),
  z.object({
    role: z.literal("tool"),
    content: contentSchema,
    tool_call_id: z.string().min(1),
    name: z.string().optional(),
  }),
]);

const toolSchema = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "tool names are 1–64 letters, digits, _ or -"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
  }),
});

const stopSchema = z
  .union([z.string(), z.array(z.string()).max(5, "stop accepts at most 5 sequences")])
  .refine(
    (s) => (Array.isArray(s) ? s : [s]).every((x) => Buffer.byteLength(x) <= 32),
    "each stop sequence must be at most 32 bytes",
  );

const int = z.number().int();

export const chatRequestSchema = z.object({
  model: z.string({ error: "model is required" }).min(1, "model is required"),
  messages: z
    .array(messageSchema, { error: "messages must be an array of messages" })
    .min(1, "messages must not be empty"),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: int.min(1).nullish(),
  n: int.min(1).max(5).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  stop: stopSchema.nullish(),
  max_tokens: int.min(1).nullish(),
  max_completion_tokens: int.min(1).nullish(),
  response_format: z
    .discriminatedUnion("type", [z.object({ type: z.enum(["text", "json_object"]) }), jsonSchemaFormat])
    .nullish(),
  tools: z.array(toolSchema).max(128, "tools accepts at most 128 functions").nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  seed: int.nullish(),
  user: z.string().max(256).nullish(),
  // Kimi K2.6's switch; `keep` and other fields of it are Moonshot's and stripped.
  thinking: z.object({ type: z.enum(["enabled", "disabled"]) }).nullish(),
});

export type ParsedChatRequest = z.infer<typeof chatRequestSchema>;

function textOf(content: ChatMessage["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : "")).join("");
}

/** A cheap, documented estimate of prompt tokens: ~4 characters per token plus 4 per message. */
export function estimatePromptTokens(messages: ChatMessage[], tools?: unknown): number {
  let chars = 0;
  for (const m of messages) {
    chars += textOf(m.content).length + (m.reasoning_content?.length ?? 0);
    for (const call of m.tool_calls ?? [])
      chars += call.function.name.length + call.function.arguments.length;
  }
  if (tools) chars += JSON.stringify(tools).length;
  return tokensForChars(chars) + messages.length * TOKENS_PER_MESSAGE;
}

/**
 * Kimi's thinking models reject a replayed assistant tool-call turn without reasoning_content
 * ("thinking is enabled but reasoning_content is missing"). Clients that drop it (most SDK
 * loops do) are repaired with a neutral placeholder.
 */
export function repairThinkingHistory(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) =>
    m.role === "assistant" && m.tool_calls?.length && !m.reasoning_content
      ? { ...m, reasoning_content: "(reasoning omitted)" }
      : m,
  );
}

/** Checks a parsed request against the model's rules; returns the request as sent upstream (model id still public). */
export function applyModelRules(req: ParsedChatRequest, model: ModelInfo): ChatCompletionRequest {
  const { rules } = model;
  const fail = (param: string, message: string) => {
    throw new AppError("invalid_request", message, { param });
  };
  if (req.top_k != null && !rules.topK) fail("top_k", `top_k is not supported by ${model.id}`);
  if (req.n != null && req.n > rules.maxN) fail("n", `n must be at most ${rules.maxN} for ${model.id}`);
  if (req.tools?.length && !rules.tools) fail("tools", `${model.id} does not support tools`);
  const format = req.response_format;
  if ((format?.type === "json_object" || format?.type === "json_schema") && !rules.jsonMode)
    fail("response_format", `${model.id} does not support JSON mode`);
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null && maxTokens > model.maxOutput) {
    fail(
      req.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens",
      `must be at most ${model.maxOutput} for ${model.id}`,
    );
  }
  if (
    req.tool_choice &&
    typeof req.tool_choice === "object" &&
    !req.tools?.some(
      (t) => t.function.name === (req.tool_choice as { function: { name: string } }).function.name,
    )
  ) {
    fail("tool_choice", "tool_choice names a function that is not in tools");
  }
  const hasImage = req.messages.some(
    (m) => Array.isArray(m.content) && m.content.some((p) => p.type === "image_url"),
  );
  if (hasImage && !model.vision) fail("messages", `${model.id} does not accept images; use kimi-k2.6`);
  if (req.thinking && model.thinkingMode !== "toggle")
    fail(
      "thinking",
      `${model.id} ${model.thinkingMode === "always" ? "always thinks" : "does not think"}; thinking can be switched on kimi-k2.6`,
    );
  const thinking = reasons(model, req.thinking?.type);

  const history = (
    thinking ? repairThinkingHistory(req.messages as ChatMessage[]) : req.messages
  ) as ChatMessage[];
  // A schema goes upstream as JSON mode plus an instruction (see structured-output.ts).
  const messages =
    format?.type === "json_schema" ? [schemaInstruction(format.json_schema), ...history] : history;
  const promptTokens = estimatePromptTokens(messages, req.tools);
  if (promptTokens > model.contextWindow) {
    throw new AppError(
      "context_length_exceeded",
      `This model's context window is ${model.contextWindow} tokens; the input is about ${promptTokens} tokens.`,
      { param: "messages" },
    );
  }

  const out: ChatCompletionRequest = { model: model.id, messages };
  if (req.stream) out.stream = true;
  if (req.stream && req.stream_options)
    out.stream_options = { include_usage: req.stream_options.include_usage ?? false };
  // A value the upstream fixes is not forwarded (Moonshot rejects any other for kimi-k2.6).
  if (req.temperature != null && !isFixed(rules.temperature)) out.temperature = req.temperature;
  if (req.top_p != null && !isFixed(rules.topP)) out.top_p = req.top_p;
  if (req.top_k != null) out.top_k = req.top_k;
  if (req.n != null) out.n = req.n;
  if (req.presence_penalty != null && rules.penalties) out.presence_penalty = req.presence_penalty;
  if (req.frequency_penalty != null && rules.penalties) out.frequency_penalty = req.frequency_penalty;
  if (req.stop != null) out.stop = req.stop;
  if (maxTokens != null) out.max_tokens = maxTokens;
  if (format != null)
    out.response_format = format.type === "json_schema" ? { type: "json_object" } : { type: format.type };
  if (req.tools?.length) out.tools = req.tools as ChatCompletionRequest["tools"];
  if (req.tool_choice != null) out.tool_choice = req.tool_choice;
  if (req.parallel_tool_calls != null) out.parallel_tool_calls = req.parallel_tool_calls;
  if (req.seed != null && rules.seed) out.seed = req.seed;
  if (req.user != null) out.user = req.user;
  // Always said for a toggle: a deprecated id served by kimi-k2.6 may default differently from it.
  if (model.thinkingMode === "toggle") out.thinking = { type: thinking ? "enabled" : "disabled" };
  return out;
}
