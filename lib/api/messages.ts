// POST /api/v1/messages — Anthropic Messages API (stream and non-stream) on the same pipeline as chat completions.
import { AppError } from "@/lib/errors";
import {
  AnthropicStreamTranslator,
  anthropicRequestSchema,
  describeValidationError,
  estimateInputTokens,
  fromOpenAIResponse,
  newMessageId,
  toOpenAIRequest,
} from "@/lib/gateway/anthropic";
import { anthropicEventStream } from "@/lib/gateway/anthropic-stream";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import { apiEventStream, apiJson, withApiKey } from "@/lib/http/api-key";
import { resolveRoutableModel } from "@/lib/providers/resolve";
import { startApiChat } from "./start-api-chat";

// `anthropic-version` and `anthropic-beta` are accepted and ignored: there is one version of this
// API, and betas that change the wire format are not offered.
//
// `thinking` is validated but never rejected. On a model whose thinking is a toggle (kimi-k2.6) it
// switches it (enabled/adaptive → on, disabled → off); other models ignore it. Rejecting it would
// break clients (Claude Code among them) that send it by default.

export const messages = withApiKey("anthropic", async (context) => {
  const { body } = context;
  const parsed = anthropicRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_request", describeValidationError(parsed.error));
  const anthropic = parsed.data;
  const model = resolveRoutableModel(anthropic.model);

  // The translated request goes through the OpenAI route's own schema and model rules, so ranges,
  // max output, tool and context limits are enforced identically on both surfaces.
  const translated = chatRequestSchema.safeParse(
    toOpenAIRequest(anthropic, {
      upstreamModel: model.id,
      thinkingToggle: model.thinkingMode === "toggle",
    }),
  );
  if (!translated.success) throw new AppError("invalid_request", describeValidationError(translated.error));
  const request = withAnthropicParam(() => applyModelRules(translated.data, model));

  const outcome = await startApiChat(context, "anthropic", model, request);
  const stopSequences = anthropic.stop_sequences;
  if (outcome.kind === "json") {
    return apiJson(fromOpenAIResponse(outcome.completion, { model: model.id, stopSequences }));
  }
  const translator = new AnthropicStreamTranslator({
    model: model.id,
    messageId: newMessageId(),
    inputTokens: estimateInputTokens(anthropic),
    stopSequences,
  });
  const stream = anthropicEventStream(outcome.chunks, {
    translator,
    cancel: outcome.cancel,
    fail: outcome.fail,
  });
  return apiEventStream(stream);
});

/**
 * Anthropic's errors have no `param` field, so a rule's message names its field itself
 * ("max_tokens: must be at most 32768 for kimi-k2"), as Anthropic's own validation errors do.
 */
function withAnthropicParam<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof AppError && error.param && !error.message.startsWith(error.param)) {
      throw new AppError(error.code, `${error.param}: ${error.message}`, {
        param: error.param,
        cause: error,
      });
    }
    throw error;
  }
}
