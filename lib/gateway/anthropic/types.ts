// Response and event shapes, as in @anthropic-ai/sdk resources/messages, nullable fields included,
// so strict clients deserialise our replies exactly like Anthropic's.

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

export interface RefusalDetails {
  type: "refusal";
  category: null;
  explanation: null;
}

export interface StopInfo {
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
