import type { ChatCompletionRequest } from "@/lib/gateway/openai-types";
import type { ProviderId } from "@/lib/providers/catalog";

/** An upstream that speaks Kimi's OpenAI-style dialect. `body.model` is the upstream's model id. */
export interface Provider {
  id: ProviderId;
  send(body: ChatCompletionRequest, options: { signal: AbortSignal; thinking: boolean }): Promise<Response>;
}
