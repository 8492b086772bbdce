// Response: the upstream's OpenAI-style dialect → Anthropic, and the helpers the stream shares.

import { isRecord } from "@/lib/is-record";
import { tokensForChars } from "@/lib/tokens";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletion, FinishReason, ToolCall } from "@/lib/wire/openai";
import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicStopReason,
  AnthropicUsage,
  StopInfo,
} from "./types";

export function newMessageId(): string {
  return `msg_${crypto.randomUUID().replaceAll("-", "")}`;
}

export function newToolUseId(): string {
  return `toolu_${crypto.randomUUID().replaceAll("-", "")}`;
}

export function usage(input: number, output: number): AnthropicUsage {
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
export function matchedStopSequence(
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

export function stopInfo(
  finish: FinishReason | null,
  hasToolCalls: boolean,
  matched: string | null,
): StopInfo {
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
      resp.usage?.completion_tokens ?? tokensForChars(outputChars),
    ),
  };
}
