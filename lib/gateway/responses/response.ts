// Response: the upstream's chat completion → a Responses API `response` object, and the parts the
// stream shares. Shapes are the official SDK's own types, so a field we leave out is a type error.
import type {
  FunctionTool,
  ResponseError,
  ResponseFormatTextConfig,
  ResponseFunctionToolCall,
  Response as ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseReasoningItem,
  ResponseUsage,
} from "openai/resources/responses/responses";
import { timeOrderedId } from "@/lib/ids";
import { tokensForChars } from "@/lib/tokens";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "@/lib/wire/openai";
import type { ResponsesRequest, ToolNames } from "./schema";

export type { ResponseObject };

/** `resp_` and 32 hex digits; the items of a response carry the same digits (see itemId). */
export function newResponseId(): string {
  return `resp_${timeOrderedId()}`;
}

/**
 * Item ids name their response: `msg_<digits>_<n>`. An `item_reference` (what the AI SDK sends for
 * stored items) is resolved through it, with no index of its own.
 */
export function itemId(responseId: string, prefix: string, n: number | string): string {
  return `${prefix}_${responseId.slice("resp_".length)}_${n}`;
}

/** The response an item id belongs to, if it has the shape of ours. */
export function responseIdOfItem(id: string): string | undefined {
  const match = /^[a-z]+_([0-9a-f]{32})_[a-z0-9]+$/.exec(id);
  return match ? `resp_${match[1]}` : undefined;
}

/** What a response echoes of its request, and how its output is shaped. */
export interface ResponseContext {
  id: string;
  model: string;
  createdAt: number;
  request: ResponsesRequest;
  /** Seals a reasoning text (store: false with include reasoning.encrypted_content). */
  seal?: (reasoning: string) => string;
  /** Names calls to functions of namespace tools back (flat upstream name → namespace + name). */
  toolNames?: ToolNames;
}

export function messageItem(
  id: string,
  text: string,
  status: ResponseOutputMessage["status"],
): ResponseOutputMessage {
  return {
    id,
    type: "message",
    role: "assistant",
    status,
    content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
  };
}

export function reasoningItem(
  id: string,
  text: string,
  seal?: (text: string) => string,
): ResponseReasoningItem {
  // Kimi's reasoning is shown in full as the item's summary: what the AI SDK and Codex display.
  const item: ResponseReasoningItem = {
    id,
    type: "reasoning",
    summary: [{ type: "summary_text", text }],
  };
  if (seal) item.encrypted_content = seal(text);
  return item;
}

export function functionCallItem(
  id: string,
  call: ToolCall,
  status: NonNullable<ResponseFunctionToolCall["status"]>,
  names?: ToolNames,
): ResponseFunctionToolCall {
  return {
    id,
    type: "function_call",
    status,
    call_id: call.id || `call_${id}`,
    ...(names ? names(call.function.name) : { name: call.function.name }),
    arguments: call.function.arguments,
  };
}

export function responseUsage(
  usage: Usage | undefined,
  reasoningChars: number,
  outputChars: number,
): ResponseUsage {
  const details = usage as
    | (Usage & { completion_tokens_details?: { reasoning_tokens?: number } })
    | undefined;
  const output = usage?.completion_tokens ?? tokensForChars(outputChars);
  const reasoning =
    details?.completion_tokens_details?.reasoning_tokens ?? Math.min(output, tokensForChars(reasoningChars));
  const cached = (usage as { prompt_tokens_details?: { cached_tokens?: number } } | undefined)
    ?.prompt_tokens_details?.cached_tokens;
  const input = usage?.prompt_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached ?? 0, cache_write_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: usage?.total_tokens ?? input + output,
  };
}

function textFormat(req: ResponsesRequest): ResponseFormatTextConfig {
  const format = req.text?.format;
  if (!format || format.type === "text") return { type: "text" };
  if (format.type === "json_object") return { type: "json_object" };
  return {
    type: "json_schema",
    name: format.name,
    schema: format.schema,
    ...(format.description && { description: format.description }),
    strict: format.strict ?? null,
  };
}

function tools(req: ResponsesRequest): FunctionTool[] {
  return (req.tools ?? []).map((t) => ({
    type: "function",
    name: t.name,
    description: t.description ?? null,
    parameters: t.parameters ?? null,
    strict: t.strict ?? null,
  }));
}

/** The response object with no output yet: what response.created carries. */
export function emptyResponse(ctx: ResponseContext): ResponseObject {
  const r = ctx.request;
  const choice = r.tool_choice ?? "auto";
  return {
    id: ctx.id,
    object: "response",
    created_at: ctx.createdAt,
    status: "in_progress",
    background: false,
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    model: ctx.model,
    output: [],
    output_text: "",
    access_programs: null,
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: r.previous_response_id ?? null,
    reasoning: { effort: r.reasoning?.effort ?? null, summary: r.reasoning?.summary ?? null },
    service_tier: "default",
    store: r.store ?? true,
    temperature: r.temperature ?? 1,
    text: { format: textFormat(r), verbosity: r.text?.verbosity ?? "medium" },
    tool_choice: typeof choice === "string" ? choice : { type: "function", name: choice.name },
    tools: tools(r),
    top_p: r.top_p ?? 1,
    truncation: r.truncation ?? "disabled",
    usage: undefined,
    user: r.user ?? undefined,
    metadata: r.metadata ?? {},
  } as ResponseObject & { store: boolean };
}

/** How a finished response ends: completed, or incomplete when the output token budget ran out. */
export function finalStatus(
  finish: FinishReason | null,
): Pick<ResponseObject, "status" | "incomplete_details"> {
  if (finish === "length")
    return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finish === "content_filter")
    return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

/** The text of the response's output messages (what the SDK exposes as `output_text`). */
export function outputText(output: ResponseOutputItem[]): string {
  return output
    .flatMap((item) => (item.type === "message" ? item.content : []))
    .map((part) => (part.type === "output_text" ? part.text : ""))
    .join("");
}

export function finishedResponse(
  ctx: ResponseContext,
  output: ResponseOutputItem[],
  finish: FinishReason | null,
  usage: ResponseUsage,
): ResponseObject {
  const status = finalStatus(finish);
  return {
    ...emptyResponse(ctx),
    ...status,
    completed_at: status.status === "completed" ? Math.floor(Date.now() / 1000) : null,
    output,
    output_text: outputText(output),
    usage,
  };
}

export function failedResponse(
  ctx: ResponseContext,
  output: ResponseOutputItem[],
  error: ResponseError,
): ResponseObject {
  return { ...emptyResponse(ctx), status: "failed", error, output, output_text: outputText(output) };
}

/** The whole upstream answer as a response. */
export function fromChatCompletion(completion: ChatCompletion, ctx: ResponseContext): ResponseObject {
  const choice = completion.choices.find((c) => c.index === 0) ?? completion.choices[0];
  const msg = choice?.message;
  const finish = choice?.finish_reason ?? null;
  const cut = finish === "length";
  const output: ResponseOutputItem[] = [];
  let n = 0;
  const reasoning = msg?.reasoning_content ?? "";
  if (reasoning) output.push(reasoningItem(itemId(ctx.id, "rs", n++), reasoning, ctx.seal));
  if (msg?.content)
    output.push(messageItem(itemId(ctx.id, "msg", n++), msg.content, cut ? "incomplete" : "completed"));
  for (const call of msg?.tool_calls ?? []) {
    output.push(functionCallItem(itemId(ctx.id, "fc", n++), call, "completed", ctx.toolNames));
  }
  const outputChars =
    reasoning.length +
    (msg?.content?.length ?? 0) +
    (msg?.tool_calls ?? []).reduce((s, c) => s + c.function.arguments.length, 0);
  return finishedResponse(
    ctx,
    output,
    finish,
    responseUsage(completion.usage, reasoning.length, outputChars),
  );
}
