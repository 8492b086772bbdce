// Replies: one choice's content, reasoning and tool calls, cut to the request's limits, and the
// token counts that usage reports.

import type { ChatMessage, FinishReason, ToolCall } from "@/lib/wire/openai";
import { schemaFromInstruction } from "@/lib/wire/structured-output";
import {
  between,
  composeJson,
  composeText,
  estimateTokens,
  hashString,
  pickSome,
  seededRandom,
  THOUGHTS,
  truncateToTokens,
} from "./text";
import { makeToolCall, sampleValue, toolsToCall } from "./tools";
import type { SimulatorRequest } from "./types";

export interface Reply {
  content: string;
  reasoning?: string;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
}

export interface Context {
  body: SimulatorRequest;
  prompt: string;
  thinking: boolean;
  echo: boolean;
  /** The reply's content, word for word (the repeat directive). */
  repeat?: string;
  offSchema?: boolean;
  /** Arguments the tool calls carry instead of sampled ones. */
  toolArgs?: Record<string, string>;
  echoReasoning?: boolean;
}

export function messageText(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** When the conversation ends with a tool result, the reply opens by citing it. */
function toolResultLead(messages: ChatMessage[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role !== "tool") return undefined;
  const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
  const result = messageText(last.content).trim();
  const snippet = result.length > 160 ? `${result.slice(0, 160)}…` : result;
  return `The \`${call?.function.name ?? "tool"}\` tool returned: ${snippet}.`;
}

export function buildReply(ctx: Context, index: number): Reply {
  const { body, prompt } = ctx;
  const rng = seededRandom(hashString(`${body.seed ?? ""}\u0000${index}\u0000${prompt}`));
  const reasoning = ctx.thinking ? pickSome(rng, THOUGHTS, between(rng, 2, 3)).join(" ") : undefined;

  if (ctx.echo) {
    const { messages: _messages, ...params } = body;
    return { content: JSON.stringify(params), reasoning, finishReason: "stop" };
  }
  if (ctx.echoReasoning && body.messages.at(-1)?.role === "tool") {
    const history = body.messages.flatMap((m) =>
      m.role === "assistant" ? [m.reasoning_content ?? null] : [],
    );
    return { content: JSON.stringify({ reasoning_content: history }), reasoning, finishReason: "stop" };
  }
  if (ctx.repeat !== undefined) return { content: ctx.repeat, reasoning, finishReason: "stop" };
  const tools = toolsToCall(body, prompt);
  if (tools.length > 0)
    return {
      content: "",
      reasoning,
      toolCalls: tools.map((tool) => makeToolCall(tool, ctx.toolArgs)),
      finishReason: "tool_calls",
    };

  const lead = toolResultLead(body.messages);
  const jsonMode = body.response_format?.type === "json_object";
  const schema = jsonMode ? requestedSchema(body.messages) : undefined;
  const full =
    schema !== undefined
      ? JSON.stringify(ctx.offSchema ? "a reply that ignores the schema" : sampleValue(schema, "value"))
      : jsonMode
        ? composeJson(rng, prompt, lead)
        : composeText(rng, prompt, lead);
  return applyLimits({ content: full, reasoning, finishReason: "stop" }, body);
}

/** The schema a structured-output instruction in the system messages carries, if any. */
function requestedSchema(messages: ChatMessage[]): unknown {
  for (const m of messages) {
    if (m.role !== "system") continue;
    const schema = schemaFromInstruction(messageText(m.content));
    if (schema !== undefined) return schema;
  }
  return undefined;
}

/** Stop sequences cut the content; the token budget covers reasoning first, then content. */
function applyLimits(reply: Reply, body: SimulatorRequest): Reply {
  const stops = typeof body.stop === "string" ? [body.stop] : (body.stop ?? []);
  const cut = Math.min(...stops.map((s) => (s ? reply.content.indexOf(s) : -1)).filter((i) => i >= 0));
  const content = Number.isFinite(cut) ? reply.content.slice(0, cut) : reply.content;

  const limit = body.max_completion_tokens ?? body.max_tokens;
  if (limit === undefined) return { ...reply, content };
  const reasoning = reply.reasoning === undefined ? undefined : truncateToTokens(reply.reasoning, limit);
  const remaining = limit - estimateTokens(reasoning ?? "");
  const truncated = truncateToTokens(content, Math.max(0, remaining));
  const cutShort = truncated !== content || reasoning !== reply.reasoning;
  return { content: truncated, reasoning, finishReason: cutShort ? "length" : reply.finishReason };
}

export function replyTokens(reply: Reply): number {
  const calls = (reply.toolCalls ?? []).map((c) => c.function.name + c.function.arguments).join("");
  return estimateTokens(reply.reasoning ?? "") + estimateTokens(reply.content) + estimateTokens(calls);
}

export function promptTokens(body: SimulatorRequest): number {
  const lines = body.messages.map(
    (m) =>
      `${m.role}: ${messageText(m.content)}${m.reasoning_content ?? ""}${m.tool_calls ? JSON.stringify(m.tool_calls) : ""}`,
  );
  return estimateTokens(lines.join("\n") + (body.tools ? JSON.stringify(body.tools) : ""));
}
