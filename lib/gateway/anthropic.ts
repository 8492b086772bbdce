// Anthropic Messages API ⇄ the upstream's OpenAI-style dialect. Pure translation: request schema,
// request/response mapping, a chunk-by-chunk stream translator and a token estimate for count_tokens.
// Output shapes mirror @anthropic-ai/sdk's `Message` / `RawMessageStreamEvent`, nullable fields included,
// so strict clients deserialise our replies exactly like Anthropic's.

import { z } from "zod";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
  ContentPart,
  FinishReason,
  ToolCall,
  ToolChoice,
  Usage,
} from "./openai-types";
import { parseJsonSafe } from "./sse";

// ── Request schema ──────────────────────────────────────────────────────────────────────────────
// Messages read like Anthropic's own validation errors ("max_tokens: Field required") so clients
// moving over from Anthropic recognise them. Unknown keys (cache_control, citations…) are stripped.

const REQUIRED = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "Field required" : undefined),
};

const textBlock = z.object({ type: z.literal("text"), text: z.string(REQUIRED) });

const imageBlock = z.object({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("base64"),
      media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]),
      data: z.string().min(1),
    }),
    z.object({ type: z.literal("url"), url: z.url({ protocol: /^https?$/ }) }),
  ]),
});

const toolResultBlock = z.object({
  type: z.literal("tool_result"),
  tool_use_id: z.string(REQUIRED).min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
});

const toolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string(REQUIRED).min(1),
  name: z.string(REQUIRED).min(1),
  input: z.record(z.string(), z.unknown(), REQUIRED),
});

// Replayed reasoning. The signature is Anthropic's tamper seal; Kimi has none, so any value is accepted.
const thinkingBlock = z.object({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string().optional(),
});
// Encrypted Anthropic reasoning in a history a client carried over: accepted, and dropped (unreadable).
const redactedThinkingBlock = z.object({ type: z.literal("redacted_thinking"), data: z.string() });

const blockTypeError = (expected: string) => ({
  error: (issue: { code: string; input?: unknown }) =>
    issue.code === "invalid_union" ? `Input tag should be one of ${expected}` : undefined,
});
const contentError = { error: "Input should be a string or a list of content blocks" };
const userContent = z.union(
  [
    z.string(),
    z.array(
      z.discriminatedUnion(
        "type",
        [textBlock, imageBlock, toolResultBlock],
        blockTypeError("'text', 'image', 'tool_result'"),
      ),
    ),
  ],
  contentError,
);
const assistantContent = z.union(
  [
    z.string(),
    z.array(
      z.discriminatedUnion(
        "type",
        [textBlock, toolUseBlock, thinkingBlock, redactedThinkingBlock],
        blockTypeError("'text', 'tool_use', 'thinking', 'redacted_thinking'"),
      ),
    ),
  ],
  contentError,
);

const message = z.discriminatedUnion(
  "role",
  [
    z.object({ role: z.literal("user"), content: userContent }),
    z.object({ role: z.literal("assistant"), content: assistantContent }),
  ],
  { error: "Input should be 'user' or 'assistant'" },
);

const tool = z.object({
  type: z.literal("custom").nullish(),
  name: z
    .string(REQUIRED)
    .regex(/^[a-zA-Z0-9_-]{1,128}$/, "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal("object") }),
});

const toolChoice = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({
    type: z.literal("tool"),
    name: z.string(REQUIRED).min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.object({ type: z.literal("none") }),
]);

const requestFields = z.object({
  model: z.string(REQUIRED).min(1),
  messages: z.array(message, REQUIRED).min(1, "List should have at least 1 item"),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  max_tokens: z.int(REQUIRED).positive("Input should be greater than or equal to 1"),
  // Anthropic's range is 0–1 and Kimi's 0–2. The number passes through unchanged, as Kimi's own
  // Anthropic-compatible endpoint does: rescaling would make ours disagree with Kimi's.
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().nonnegative().optional(),
  // Kimi caps stop sequences at 5 strings of at most 32 bytes; rejecting here beats an upstream 400.
  stop_sequences: z
    .array(
      z
        .string()
        .refine((s) => new TextEncoder().encode(s).length <= 32, "Stop sequences are limited to 32 bytes"),
    )
    .max(5, "List should have at most 5 items")
    .optional(),
  stream: z.boolean().optional(),
  metadata: z.object({ user_id: z.string().nullish() }).optional(),
  tools: z.array(tool).max(128, "List should have at most 128 items").optional(),
  tool_choice: toolChoice.optional(),
  // Validated for compatibility only: whether Kimi reasons is a property of the model id
  // (kimi-k2-thinking…), and the OpenAI dialect has no budget to pass it to.
  thinking: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("enabled"), budget_tokens: z.int().min(1024) }),
      z.object({ type: z.literal("disabled") }),
      z.object({ type: z.literal("adaptive") }),
    ])
    .optional(),
});

function toolChoiceHasTools(req: Pick<z.infer<typeof requestFields>, "tool_choice" | "tools">): boolean {
  return !req.tool_choice || req.tool_choice.type === "none" || (req.tools?.length ?? 0) > 0;
}
const TOOL_CHOICE_NEEDS_TOOLS = {
  message: "tool_choice may only be specified while providing tools",
  path: ["tool_choice"],
};

export const anthropicRequestSchema = requestFields.refine(toolChoiceHasTools, TOOL_CHOICE_NEEDS_TOOLS);

export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;

/** POST /v1/messages/count_tokens takes what the prompt is made of: no max_tokens, no sampling. */
export const countTokensRequestSchema = requestFields
  .pick({ model: true, messages: true, system: true, tools: true, tool_choice: true, thinking: true })
  .refine(toolChoiceHasTools, TOOL_CHOICE_NEEDS_TOOLS);

export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;

// A body of thousands of bad messages would otherwise get megabytes of message back.
const MAX_REPORTED_ISSUES = 5;

/** "messages.0.role: Input should be 'user' or 'assistant'; max_tokens: Field required" — Anthropic's style. */
export function describeValidationError(error: z.ZodError): string {
  const all = describeIssues(error.issues, []);
  const shown = all.slice(0, MAX_REPORTED_ISSUES);
  if (all.length > shown.length) shown.push(`and ${all.length - shown.length} more`);
  return shown.join("; ");
}

function describeIssues(issues: readonly z.core.$ZodIssue[], base: PropertyKey[]): string[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    // "string or list of blocks" fails as a whole; when the input was a list, the list's own problem
    // (e.g. an unknown block type) is the one worth reporting.
    const shapeMatched =
      issue.code === "invalid_union"
        ? issue.errors.find((branch) => branch.every((i) => i.code !== "invalid_type" || i.path.length > 0))
        : undefined;
    if (shapeMatched?.length) return describeIssues(shapeMatched, path);
    return [path.length ? `${path.map(String).join(".")}: ${issue.message}` : issue.message];
  });
}

// ── Response and event shapes (as in @anthropic-ai/sdk resources/messages) ──────────────────────

export type AnthropicStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal";

export type AnthropicContentBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string; citations: null }
  | {
      type: "tool_use";
      id: string;
      name: string;
      input: Record<string, unknown>;
      caller: { type: "direct" };
    };

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: null;
  inference_geo: null;
  output_tokens_details: null;
  server_tool_use: null;
  service_tier: null;
  speed: null;
}

interface RefusalDetails {
  type: "refusal";
  category: null;
  explanation: null;
}

interface StopInfo {
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  stop_details: RefusalDetails | null;
}

export interface AnthropicMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  stop_details: RefusalDetails | null;
  container: null;
  diagnostics: null;
  usage: AnthropicUsage;
}

export type AnthropicDelta =
  | { type: "text_delta"; text: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string }
  | { type: "input_json_delta"; partial_json: string };

export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "billing_error"
  | "overloaded_error";

export interface AnthropicErrorEvent {
  type: "error";
  error: { type: AnthropicErrorType; message: string };
}

export type AnthropicStreamEvent =
  | { type: "message_start"; message: AnthropicMessage }
  | { type: "content_block_start"; index: number; content_block: AnthropicContentBlock }
  | { type: "ping" }
  | { type: "content_block_delta"; index: number; delta: AnthropicDelta }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: StopInfo & { container: null };
      usage: {
        input_tokens: number | null;
        output_tokens: number;
        cache_creation_input_tokens: null;
        cache_read_input_tokens: null;
        output_tokens_details: null;
        server_tool_use: null;
      };
    }
  | { type: "message_stop" }
  | AnthropicErrorEvent;

// ── Request: Anthropic → OpenAI dialect ─────────────────────────────────────────────────────────

type UserContent = z.infer<typeof userContent>;
type AssistantContent = z.infer<typeof assistantContent>;
type ImageBlock = z.infer<typeof imageBlock>;
type ToolResultContent = z.infer<typeof toolResultBlock>["content"];

export function toOpenAIRequest(
  req: AnthropicRequest,
  opts: { upstreamModel: string },
): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  // Claude Code and others split the system prompt into several blocks; a blank line keeps them apart.
  const system = typeof req.system === "string" ? req.system : req.system?.map((b) => b.text).join("\n\n");
  if (system) messages.push({ role: "system", content: system });

  // Kimi's tool messages carry the function name; Anthropic's tool_result only has the call id.
  const toolNames = new Map<string, string>();
  for (const m of req.messages) {
    messages.push(
      ...(m.role === "user" ? userMessages(m.content, toolNames) : [assistantMessage(m.content, toolNames)]),
    );
  }
  // A trailing assistant turn is a prefill; Moonshot's partial mode continues it the same way.
  const last = messages.at(-1);
  if (last?.role === "assistant" && !last.tool_calls && last.content) last.partial = true;

  const out: ChatCompletionRequest = { model: opts.upstreamModel, messages, max_tokens: req.max_tokens };
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.top_p !== undefined) out.top_p = req.top_p;
  if (req.top_k !== undefined) out.top_k = req.top_k;
  if (req.stop_sequences?.length) out.stop = req.stop_sequences;
  if (req.metadata?.user_id) out.user = req.metadata.user_id;
  if (req.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  if (req.tools?.length) {
    out.tools = req.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description && { description: t.description }),
        parameters: t.input_schema,
      },
    }));
  }
  if (req.tool_choice) {
    out.tool_choice = toOpenAIToolChoice(req.tool_choice);
    if ("disable_parallel_tool_use" in req.tool_choice && req.tool_choice.disable_parallel_tool_use) {
      out.parallel_tool_calls = false;
    }
  }
  return out;
}

function toOpenAIToolChoice(choice: NonNullable<AnthropicRequest["tool_choice"]>): ToolChoice {
  switch (choice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: choice.name } };
  }
}

function imagePart(block: ImageBlock): ContentPart {
  const { source } = block;
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: "image_url", image_url: { url } };
}

/**
 * One Anthropic user turn becomes its tool results as `role: "tool"` messages (the dialect requires
 * them right after the assistant's tool calls), then a user message with whatever else it held.
 */
function userMessages(content: UserContent, toolNames: Map<string, string>): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const out: ChatMessage[] = [];
  const toolImages: ContentPart[] = [];
  const parts: ContentPart[] = [];
  for (const block of content) {
    if (block.type === "text") parts.push({ type: "text", text: block.text });
    else if (block.type === "image") parts.push(imagePart(block));
    else {
      const { text, images } = flattenToolResult(block.content);
      // Tool messages are text-only upstream; images a tool returned ride in the user message after.
      toolImages.push(...images);
      const note = images.length ? `${text ? "\n" : ""}[${images.length} image(s) in the next message]` : "";
      const name = toolNames.get(block.tool_use_id);
      out.push({
        role: "tool",
        tool_call_id: block.tool_use_id,
        ...(name && { name }),
        content: `${block.is_error ? "Error: " : ""}${text}${note}`,
      });
    }
  }
  const all = [...toolImages, ...parts];
  const [only] = all;
  if (all.length === 1 && only?.type === "text") out.push({ role: "user", content: only.text });
  else if (all.length > 0) out.push({ role: "user", content: all });
  return out;
}

function flattenToolResult(content: ToolResultContent): { text: string; images: ContentPart[] } {
  if (content === undefined || typeof content === "string") return { text: content ?? "", images: [] };
  const texts: string[] = [];
  const images: ContentPart[] = [];
  for (const block of content) {
    if (block.type === "text") texts.push(block.text);
    else images.push(imagePart(block));
  }
  return { text: texts.join("\n"), images };
}

function assistantMessage(content: AssistantContent, toolNames: Map<string, string>): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const block of content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "thinking") reasoning += block.thinking;
    else if (block.type === "tool_use") {
      toolNames.set(block.id, block.name);
      toolCalls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    }
  }
  // Kimi answers tool calls with content "" rather than null and accepts the same back.
  const out: ChatMessage = { role: "assistant", content: text };
  if (reasoning) out.reasoning_content = reasoning;
  if (toolCalls.length) out.tool_calls = toolCalls;
  return out;
}

// ── Response: OpenAI dialect → Anthropic ────────────────────────────────────────────────────────

export function newMessageId(): string {
  return `msg_${crypto.randomUUID().replaceAll("-", "")}`;
}

function newToolUseId(): string {
  return `toolu_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** For counts the upstream did not report: the usual rule of thumb of ~4 characters per token. */
function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function usage(input: number, output: number): AnthropicUsage {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  };
}

/**
 * The dialect's finish_reason "stop" covers both a natural end and a stop sequence, and Kimi does not
 * say which. We report `stop_sequence` only when the upstream names the match — vLLM's `stop_reason`,
 * SGLang's `matched_stop`, or a `stop_sequence` field — and it is one the client asked for; otherwise
 * `end_turn`, never a guess from the text.
 */
function matchedStopSequence(
  choice: object | undefined,
  stops: readonly string[] | undefined,
): string | null {
  if (!choice || !stops?.length) return null;
  const fields: Record<string, unknown> = { ...choice };
  for (const key of ["stop_sequence", "matched_stop", "stop_reason"]) {
    const value = fields[key];
    if (typeof value === "string" && stops.includes(value)) return value;
  }
  return null;
}

function stopInfo(finish: FinishReason | null, hasToolCalls: boolean, matched: string | null): StopInfo {
  const plain = (reason: AnthropicStopReason): StopInfo => ({
    stop_reason: reason,
    stop_sequence: null,
    stop_details: null,
  });
  if (finish === "length") return plain("max_tokens");
  // A content filter is the upstream refusing; Anthropic's own classifier stop is `refusal`.
  if (finish === "content_filter") {
    return {
      stop_reason: "refusal",
      stop_sequence: null,
      stop_details: { type: "refusal", category: null, explanation: null },
    };
  }
  // Some upstreams end a tool-calling turn with "stop"; the tool calls are what the client must act on.
  if (finish === "tool_calls" || hasToolCalls) return plain("tool_use");
  if (matched) return { stop_reason: "stop_sequence", stop_sequence: matched, stop_details: null };
  return plain("end_turn");
}

function toolUseFromCall(call: ToolCall): AnthropicContentBlock {
  // A model can emit malformed arguments; the client still gets the call (with empty input) and the turn.
  const parsed = parseJsonSafe(call.function.arguments || "{}");
  const input = isRecord(parsed) ? parsed : {};
  return {
    type: "tool_use",
    id: call.id || newToolUseId(),
    name: call.function.name,
    input,
    caller: { type: "direct" },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function fromOpenAIResponse(
  resp: ChatCompletion,
  ctx: { model: string; stopSequences?: string[]; messageId?: string },
): AnthropicMessage {
  const choice = resp.choices.find((c) => c.index === 0) ?? resp.choices[0];
  const msg = choice?.message;
  const content: AnthropicContentBlock[] = [];
  if (msg?.reasoning_content)
    content.push({ type: "thinking", thinking: msg.reasoning_content, signature: "" });
  if (msg?.content) content.push({ type: "text", text: msg.content, citations: null });
  const calls = msg?.tool_calls ?? [];
  content.push(...calls.map(toolUseFromCall));

  const outputChars =
    (msg?.reasoning_content?.length ?? 0) +
    (msg?.content?.length ?? 0) +
    calls.reduce((n, c) => n + c.function.arguments.length, 0);
  return {
    id: ctx.messageId ?? newMessageId(),
    type: "message",
    role: "assistant",
    model: ctx.model,
    content,
    ...stopInfo(
      choice?.finish_reason ?? null,
      calls.length > 0,
      matchedStopSequence(choice, ctx.stopSequences),
    ),
    container: null,
    diagnostics: null,
    usage: usage(
      resp.usage?.prompt_tokens ?? 0,
      resp.usage?.completion_tokens ?? estimateTokens(outputChars),
    ),
  };
}

// ── Streaming: OpenAI chunks → Anthropic events ─────────────────────────────────────────────────

interface OpenBlock {
  index: number;
  kind: "thinking" | "text" | "tool";
  /** The upstream tool-call index, for tool blocks. */
  call?: number;
}

/**
 * Turns the upstream's chunk stream into Anthropic's event sequence. Blocks open and close one at a
 * time with increasing indices as the stream moves between reasoning, text and tool calls, exactly as
 * Anthropic sends them: message_start, content_block_start, ping, deltas…, content_block_stop, …,
 * message_delta, message_stop.
 */
export class AnthropicStreamTranslator {
  readonly #model: string;
  readonly #messageId: string;
  readonly #inputTokens: number | undefined;
  readonly #stopSequences: string[] | undefined;
  #nextIndex = 0;
  #open: OpenBlock | null = null;
  #pinged = false;
  /** Upstream tool-call index → our block index. */
  #toolBlocks = new Map<number, number>();
  #finish: FinishReason | null = null;
  #matchedStop: string | null = null;
  #usage: Usage | null = null;
  #outputChars = 0;

  constructor(opts: { model: string; messageId: string; inputTokens?: number; stopSequences?: string[] }) {
    this.#model = opts.model;
    this.#messageId = opts.messageId;
    this.#inputTokens = opts.inputTokens;
    this.#stopSequences = opts.stopSequences;
  }

  /** message_start. Anthropic sends its ping after the first content_block_start, and so do we. */
  start(): AnthropicStreamEvent[] {
    const message: AnthropicMessage = {
      id: this.#messageId,
      type: "message",
      role: "assistant",
      model: this.#model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: usage(this.#inputTokens ?? 0, 0),
    };
    return [{ type: "message_start", message }];
  }

  push(chunk: ChatCompletionChunk): AnthropicStreamEvent[] {
    const choice = chunk.choices.find((c) => c.index === 0);
    // Moonshot reports usage inside the choice; OpenAI in a trailing chunk with no choices.
    const reported = chunk.usage ?? choice?.usage;
    if (reported) this.#usage = reported;
    if (!choice) return [];

    const events: AnthropicStreamEvent[] = [];
    const { reasoning_content: reasoning, content: text, tool_calls: toolCalls } = choice.delta;
    if (reasoning) {
      events.push(...this.#enter({ kind: "thinking" }, { type: "thinking", thinking: "", signature: "" }));
      events.push(this.#delta({ type: "thinking_delta", thinking: reasoning }));
      this.#outputChars += reasoning.length;
    }
    if (text) {
      events.push(...this.#enter({ kind: "text" }, { type: "text", text: "", citations: null }));
      events.push(this.#delta({ type: "text_delta", text }));
      this.#outputChars += text.length;
    }
    for (const call of toolCalls ?? []) events.push(...this.#toolDelta(call));

    if (choice.finish_reason) {
      this.#finish = choice.finish_reason;
      this.#matchedStop = matchedStopSequence(choice, this.#stopSequences);
    }
    return events;
  }

  /** Closes the open block and ends the message with its stop reason and final usage. */
  finish(): AnthropicStreamEvent[] {
    const events = this.#close();
    const stop = stopInfo(this.#finish, this.#toolBlocks.size > 0, this.#matchedStop);
    events.push(
      {
        type: "message_delta",
        delta: { ...stop, container: null },
        usage: {
          // The upstream's prompt count is exact where message_start's was an estimate; the SDK
          // overwrites with it.
          input_tokens: this.#usage?.prompt_tokens ?? null,
          output_tokens: this.#usage?.completion_tokens ?? estimateTokens(this.#outputChars),
          cache_creation_input_tokens: null,
          cache_read_input_tokens: null,
          output_tokens_details: null,
          server_tool_use: null,
        },
      },
      { type: "message_stop" },
    );
    return events;
  }

  /** The payload of `event: error`, for an upstream failure after the stream started. */
  error(message: string, type: AnthropicErrorType = "api_error"): AnthropicErrorEvent {
    return { type: "error", error: { type, message } };
  }

  #toolDelta(call: NonNullable<ChatCompletionChunk["choices"][number]["delta"]["tool_calls"]>[number]) {
    const events: AnthropicStreamEvent[] = [];
    const args = call.function?.arguments ?? "";
    const known = this.#toolBlocks.get(call.index);
    if (known === undefined) {
      // The dialect sends id and name in a call's first fragment, arguments in the ones after.
      const block: AnthropicContentBlock = {
        type: "tool_use",
        id: call.id || newToolUseId(),
        name: call.function?.name ?? "",
        input: {},
        caller: { type: "direct" },
      };
      events.push(...this.#enter({ kind: "tool", call: call.index }, block));
      this.#toolBlocks.set(call.index, this.#nextIndex - 1);
    } else if (this.#open?.index !== known && args) {
      // Upstreams finish one call before starting the next; interleaved arguments cannot be expressed
      // as Anthropic blocks, and dropping them would hand the client corrupt input. Fail loudly.
      throw new Error(`Upstream interleaved the arguments of tool call ${call.index}`);
    }
    if (args) {
      events.push(this.#delta({ type: "input_json_delta", partial_json: args }));
      this.#outputChars += args.length;
    }
    return events;
  }

  /** Makes `target` the open block, closing another first; no-op when it is already open. */
  #enter(target: Omit<OpenBlock, "index">, block: AnthropicContentBlock): AnthropicStreamEvent[] {
    const open = this.#open;
    if (open && open.kind === target.kind && open.call === target.call) return [];
    const events = this.#close();
    const index = this.#nextIndex++;
    this.#open = { ...target, index };
    events.push({ type: "content_block_start", index, content_block: block });
    if (!this.#pinged) {
      this.#pinged = true;
      events.push({ type: "ping" });
    }
    return events;
  }

  #delta(delta: AnthropicDelta): AnthropicStreamEvent {
    // Only called right after #enter, so a block is open.
    return { type: "content_block_delta", index: this.#open?.index ?? 0, delta };
  }

  #close(): AnthropicStreamEvent[] {
    const open = this.#open;
    if (!open) return [];
    this.#open = null;
    const events: AnthropicStreamEvent[] = [];
    // Anthropic seals every thinking block with a signature_delta; Kimi has no signature to give.
    if (open.kind === "thinking") {
      events.push({
        type: "content_block_delta",
        index: open.index,
        delta: { type: "signature_delta", signature: "" },
      });
    }
    events.push({ type: "content_block_stop", index: open.index });
    return events;
  }
}

export function encodeAnthropicEvent(ev: AnthropicStreamEvent): string {
  return `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`;
}

// ── count_tokens ────────────────────────────────────────────────────────────────────────────────

const TOKENS_PER_MESSAGE = 4;
const TOKENS_PER_IMAGE = 1000;

export const INPUT_TOKEN_ESTIMATE_METHOD =
  "An estimate, not the upstream tokenizer: one token per 4 characters of the system prompt, message text, " +
  "tool calls, tool results and tool definitions (rounded up), plus 4 tokens per message and 1,000 per image.";

export function estimateInputTokens(req: Pick<AnthropicRequest, "system" | "messages" | "tools">): number {
  let chars = 0;
  let images = 0;
  if (req.system)
    chars += typeof req.system === "string" ? req.system.length : sum(req.system.map((b) => b.text.length));
  for (const m of req.messages) {
    if (typeof m.content === "string") {
      chars += m.content.length;
      continue;
    }
    for (const block of m.content) {
      if (block.type === "text") chars += block.text.length;
      else if (block.type === "image") images += 1;
      else if (block.type === "thinking") chars += block.thinking.length;
      else if (block.type === "tool_use") chars += block.name.length + JSON.stringify(block.input).length;
      else if (block.type === "tool_result") {
        const flat = flattenToolResult(block.content);
        chars += flat.text.length;
        images += flat.images.length;
      }
    }
  }
  for (const t of req.tools ?? [])
    chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.input_schema).length;
  const messageCount = req.messages.length + (req.system ? 1 : 0);
  return estimateTokens(chars) + messageCount * TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
