import "server-only";
import { type ChatOutcome, startChat } from "@/lib/gateway/pipeline";
import type { ReplyCheck } from "@/lib/gateway/structured-output";
import type { ApiContext } from "@/lib/http/api-key";
import type { ModelInfo } from "@/lib/providers/catalog";
import { deprecationHeaders } from "@/lib/providers/resolve";
import type { ChatCompletionRequest } from "@/lib/wire/openai";

/**
 * A public API call's chat, for the key that made it: on the pipeline, with the answer's headers
 * (the balance after this call's reservation, the upstream that answered) set.
 */
export async function startApiChat(
  { req, key, requestId, headers, chatStarted }: ApiContext,
  endpoint: "openai" | "anthropic" | "responses",
  model: ModelInfo,
  request: ChatCompletionRequest,
  check?: ReplyCheck,
): Promise<ChatOutcome> {
  chatStarted();
  // Before the call: a refused request (no credits, say) still says the model is deprecated.
  for (const [name, value] of Object.entries(deprecationHeaders(model))) headers.set(name, value);
  const outcome = await startChat(
    {
      requestId,
      userId: key.userId,
      apiKeyId: key.id,
      source: "api",
      endpoint,
      signal: req.signal,
      nextExpiryAt: key.user.nextExpiryAt,
    },
    model,
    request,
    check,
  );
  headers.set("X-Credits-Remaining", String(outcome.balance));
  headers.set("X-Upstream", outcome.upstream);
  return outcome;
}
