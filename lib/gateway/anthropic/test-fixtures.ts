// Requests, upstream replies and upstream chunk streams shared by the Anthropic translation tests.
import type { ChatCompletion, ChatCompletionChunk, FinishReason, Usage } from "@/lib/wire/openai";
import { type AnthropicRequest, AnthropicStreamTranslator, anthropicRequestSchema } from "./index";

export const UP = { upstreamModel: "kimi-k2-0905-preview" };

export function req(body: Record<string, unknown>): AnthropicRequest {
  return anthropicRequestSchema.parse({ model: "kimi-k2", max_tokens: 256, ...body });
}

export function completion(
  message: ChatCompletion["choices"][number]["message"],
  finish: FinishReason | null,
  usage?: Usage,
) {
  const resp: ChatCompletion = {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1,
    model: "kimi-k2-0905-preview",
    choices: [{ index: 0, message, finish_reason: finish }],
  };
  if (usage) resp.usage = usage;
  return resp;
}

export const USAGE: Usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

export type Delta = ChatCompletionChunk["choices"][number]["delta"];

export function chunk(
  delta: Delta,
  finish: FinishReason | null = null,
  extra: Partial<ChatCompletionChunk> = {},
): ChatCompletionChunk {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "kimi-k2",
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  };
}

export function translate(
  chunks: ChatCompletionChunk[],
  opts: { inputTokens?: number; stopSequences?: string[] } = {},
) {
  const t = new AnthropicStreamTranslator({ model: "kimi-k2", messageId: "msg_test", ...opts });
  return [...t.start(), ...chunks.flatMap((c) => t.push(c)), ...t.finish()];
}

export const TEXT_STREAM = [
  chunk({ role: "assistant", content: "" }),
  chunk({ content: "Hel" }),
  chunk({ content: "lo" }),
  chunk({}, "stop"),
  { ...chunk({}), choices: [], usage: USAGE },
];

export const THINKING_STREAM = [
  chunk({ role: "assistant", reasoning_content: "The user " }),
  chunk({ reasoning_content: "says hi." }),
  chunk({ content: "Hi!" }),
  chunk({}, "stop", { choices: [{ index: 0, delta: {}, finish_reason: "stop", usage: USAGE }] }),
];

export const WEATHER_ARGS = { city: "Paris", days: 3, units: "metric" };
export const TOOL_STREAM = [
  chunk({ role: "assistant", content: "Checking." }),
  chunk({
    tool_calls: [
      {
        index: 0,
        id: "functions.get_weather:0",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Pa' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: 'ris", "days": 3, ' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"units": "metric"}' } }] }),
  chunk({}, "tool_calls", { usage: USAGE }),
];
