// Anthropic Messages API ⇄ the upstream's OpenAI-style dialect. Pure translation: request schema,
// request/response mapping, a chunk-by-chunk stream translator and a token estimate for count_tokens.

export { estimateInputTokens, INPUT_TOKEN_ESTIMATE_METHOD } from "./count-tokens";
export { toOpenAIRequest } from "./request";
export { fromOpenAIResponse, newMessageId } from "./response";
export {
  type AnthropicRequest,
  anthropicRequestSchema,
  type CountTokensRequest,
  countTokensRequestSchema,
  describeValidationError,
} from "./schema";
export { AnthropicStreamTranslator, encodeAnthropicEvent } from "./stream";
export type * from "./types";
