// POST /api/v1/chat/completions — OpenAI-compatible chat completions (stream and non-stream), API key auth.
import { AppError, errorResponse, zodToAppError } from "@/lib/errors";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import { openAIEventStream } from "@/lib/gateway/openai-stream";
import { compileSchema, replyCheck } from "@/lib/gateway/structured-output";
import { apiEventStream, apiJson, CORS_HEADERS, withApiKey } from "@/lib/http/api-key";
import { resolveRoutableModel } from "@/lib/providers/resolve";
import { startApiChat } from "./start-api-chat";

export const chatCompletions = withApiKey("openai", async (context) => {
  const { body } = context;
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw zodToAppError(parsed.error);
  const model = resolveRoutableModel(parsed.data.model);
  const request = applyModelRules(parsed.data, model);
  const format = parsed.data.response_format;
  const check =
    format?.type === "json_schema"
      ? replyCheck(compileSchema(format.json_schema.schema ?? {}), format.json_schema.name)
      : undefined;
  const outcome = await startApiChat(context, "openai", model, request, check);
  if (outcome.kind === "json") return apiJson(outcome.completion);
  const stream = openAIEventStream(outcome.chunks, {
    includeUsage: Boolean(request.stream_options?.include_usage),
    cancel: outcome.cancel,
  });
  return apiEventStream(stream);
});

/** What a GET gets: the OpenAI-shaped 405 (other methods get Next's bare one). */
export function chatCompletionsGet(): Response {
  return errorResponse(
    new AppError("method_not_allowed", "Use POST for /v1/chat/completions."),
    "openai",
    CORS_HEADERS,
  );
}
