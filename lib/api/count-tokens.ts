// POST /api/v1/messages/count_tokens — Anthropic's token count for a prompt: an estimate, free of charge.
import { AppError } from "@/lib/errors";
import {
  countTokensRequestSchema,
  describeValidationError,
  estimateInputTokens,
} from "@/lib/gateway/anthropic";
import { apiJson, withApiKey } from "@/lib/http/api-key";
import { resolveRoutableModel } from "@/lib/providers/resolve";

// Counted locally (INPUT_TOKEN_ESTIMATE_METHOD in lib/gateway/anthropic.ts): the upstreams have no
// count endpoint, and a request that spends nothing must not reserve credits or call upstream.
// It still needs a valid key and counts against the key's rate limit, as Anthropic's does.

export const countTokens = withApiKey("anthropic", async ({ body }) => {
  const parsed = countTokensRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_request", describeValidationError(parsed.error));
  resolveRoutableModel(parsed.data.model);
  return apiJson({ input_tokens: estimateInputTokens(parsed.data) });
});
