// Wire types of the OpenAI / Kimi chat-completions dialect, as the gateway speaks it upstream and
// to clients, and as the providers send it. Validation lives in lib/gateway/openai.ts; these are
// the shapes after validation.

export type Role = "system" | "user" | "assistant" | "tool";

export type ContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } };

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: Role;
  content: string | ContentPart[] | null;
  name?: string;
  /** Kimi thinking models: the reasoning that preceded this assistant turn. */
  reasoning_content?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  /** Moonshot "partial mode" prefill. */
  partial?: boolean;
}

export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type ToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

/** A validated request, with `model` already the public id the client asked for. */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  top_p?: number;
  top_k?: number;
  n?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  stop?: string | string[];
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type: "text" | "json_object" };
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  seed?: number;
  user?: string;
  /** Models whose thinking is a toggle (kimi-k2.6): whether this request reasons. */
  thinking?: { type: "enabled" | "disabled" };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint?: string;
  choices: Array<{
    index: number;
    message: {
      role: "assistant";
      content: string | null;
      reasoning_content?: string;
      tool_calls?: ToolCall[];
    };
    finish_reason: FinishReason | null;
  }>;
  usage?: Usage;
}

export interface ChunkToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint?: string;
  choices: Array<{
    index: number;
    delta: {
      role?: "assistant";
      content?: string | null;
      reasoning_content?: string;
      tool_calls?: ChunkToolCallDelta[];
    };
    finish_reason: FinishReason | null;
    /** Moonshot puts per-choice usage here on the last chunk. */
    usage?: Usage;
  }>;
  usage?: Usage | null;
}
