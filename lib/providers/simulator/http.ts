// HTTP: one request's status, JSON body or SSE stream, with the upstream's own error shapes.

import type { ChatCompletion, ChatCompletionChunk, Usage } from "@/lib/wire/openai";
import { encodeSse, SSE_DONE } from "@/lib/wire/sse";
import { readDirectives, stripDirectives, withoutDirectives } from "./directives";
import { buildReply, type Context, messageText, promptTokens, replyTokens } from "./reply";
import { delay, type Frame, framesToStream, streamFrames, waitForAbort } from "./stream";
import { randomId } from "./tools";
import type { SimulatorOptions, SimulatorRequest } from "./types";

const SYSTEM_FINGERPRINT = "fp_kimi_simulator";

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_authentication_error",
  403: "permission_denied_error",
  404: "resource_not_found_error",
  429: "rate_limit_reached_error",
};

/** An error response in the upstream's own shape. */
export function simulatorError(status: number, message: string, type?: string): Response {
  const headers: Record<string, string> = status === 429 ? { "retry-after": "1" } : {};
  const errorType = type ?? ERROR_TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  return Response.json({ error: { message, type: errorType } }, { status, headers });
}

function validate(body: SimulatorRequest, thinking: boolean): Response | undefined {
  if (body.messages.length === 0) return simulatorError(400, "messages must not be empty");
  const choice = body.tool_choice;
  if (
    typeof choice === "object" &&
    !body.tools?.some((tool) => tool.function.name === choice.function.name)
  ) {
    return simulatorError(400, `tool_choice names an unknown function: ${choice.function.name}`);
  }
  if (!thinking) return undefined;
  const index = body.messages.findIndex(
    (m) => m.role === "assistant" && m.tool_calls?.length && !m.reasoning_content,
  );
  if (index === -1) return undefined;
  return simulatorError(
    400,
    `thinking is enabled but reasoning_content is missing in assistant tool call message at index ${index}`,
  );
}

/**
 * Answers one chat-completions request like Moonshot would. Rejects with the signal's reason when
 * aborted before the response starts, like `fetch`; an abort later errors the body stream.
 */
export async function simulateChatCompletion(
  body: SimulatorRequest,
  options: SimulatorOptions = {},
): Promise<Response> {
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const lastUser = body.messages.findLast((m) => m.role === "user");
  const userText = lastUser ? messageText(lastUser.content) : "";
  const directives = readDirectives(userText, options.name);
  // Like Moonshot: the request's switch wins; K2.5/K2.6 reason by default, K2 only as *-thinking.
  const thinking = body.thinking
    ? body.thinking.type === "enabled"
    : (options.thinking ?? (body.model.includes("thinking") || /k2[.-][56]/.test(body.model)));

  if (directives.hang) await waitForAbort(signal);
  if (options.latencyMs) await delay(options.latencyMs, signal);
  if (directives.fail) return simulatorError(directives.fail, `simulated upstream error ${directives.fail}`);
  if (options.failRate && (options.random ?? Math.random)() < options.failRate) {
    return simulatorError(500, "simulated upstream failure", "server_error");
  }
  const invalid = validate(body, thinking);
  if (invalid) return invalid;

  const ctx: Context = {
    body,
    prompt: stripDirectives(userText),
    thinking,
    echo: directives.echo,
    repeat: directives.repeat ? withoutDirectives(userText) : undefined,
    offSchema: directives.offSchema,
    toolArgs: directives.toolArgs,
    echoReasoning: directives.echoReasoning,
  };
  const replies = Array.from({ length: Math.max(1, body.n ?? 1) }, (_, index) => buildReply(ctx, index));
  const prompt = promptTokens(body);
  const completion = replies.reduce((sum, reply) => sum + replyTokens(reply), 0);
  const usage: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  const id = `chatcmpl-${randomId()}`;
  const created = Math.floor(Date.now() / 1000);
  const head = <T extends string>(object: T) => ({
    id,
    object,
    created,
    model: body.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
  });

  if (!body.stream) {
    const completionBody: ChatCompletion = {
      ...head("chat.completion"),
      choices: replies.map((reply, index) => ({
        index,
        message: {
          role: "assistant",
          content: reply.content,
          ...(reply.reasoning !== undefined && { reasoning_content: reply.reasoning }),
          ...(reply.toolCalls && { tool_calls: reply.toolCalls }),
        },
        finish_reason: reply.finishReason,
      })),
      usage,
    };
    return Response.json(completionBody);
  }

  const chunk = (choices: ChatCompletionChunk["choices"], withUsage?: Usage): Frame => {
    const value: ChatCompletionChunk = {
      ...head("chat.completion.chunk"),
      choices,
      ...(withUsage && { usage: withUsage }),
    };
    return { bytes: encodeSse(value), output: false };
  };
  const frames = replies.flatMap((reply, index) => streamFrames(reply, index, chunk));
  if (body.stream_options?.include_usage) frames.push(chunk([], usage));
  frames.push({ bytes: SSE_DONE, output: false });
  return new Response(
    framesToStream(frames, signal, directives.slowMs ?? options.chunkIntervalMs ?? 0, directives.dropAfter),
    {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    },
  );
}
