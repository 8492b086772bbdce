// OpenAI Responses API ⇄ the upstream's chat-completions dialect. Pure translation: request schema,
// items → messages, the completion → a response object, a chunk-by-chunk event translator, and the
// sealing of reasoning handed to clients that store nothing here.

export { openReasoning, sealReasoning } from "./encrypted-reasoning";
export { clearReasoning, inputItems, toChatMessages, toChatRequest } from "./request";
export {
  fromChatCompletion,
  itemId,
  newResponseId,
  type ResponseContext,
  type ResponseObject,
  responseIdOfItem,
} from "./response";
export {
  dropOptionalHostedTools,
  ENCRYPTED_REASONING,
  type InputItem,
  parseResponsesRequest,
  type ResolvedItem,
  type ResponsesRequest,
  toolNamesOf,
} from "./schema";
export { encodeResponsesEvent, ResponsesStreamTranslator } from "./stream";
