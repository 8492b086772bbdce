// GET /api/v1/models — the models routable now, in OpenAI's list format (either auth header):
// active ones, then deprecated ones marked with their successor; retired ones are not listed.
import { apiJson, withApiKey } from "@/lib/http/api-key";
import { publicModels } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";

/** Every model is served on all three surfaces (paths under /api). */
const ENDPOINTS = ["/v1/chat/completions", "/v1/responses", "/v1/messages"] as const;

export const listModels = withApiKey(
  "openai",
  async () => {
    const data = publicModels(enabledProviders()).flatMap((m) =>
      [m.id, ...m.aliases].map((id) => ({
        id,
        object: "model" as const,
        created: m.created,
        owned_by: "moonshot-ai",
        root: m.id,
        parent: id === m.id ? null : m.id,
        context_window: m.contextWindow,
        max_output_tokens: m.maxOutput,
        thinking: m.thinking,
        endpoints: ENDPOINTS,
        thinking_mode: m.thinkingMode,
        vision: m.vision,
        status: m.status,
        ...(m.deprecation
          ? {
              deprecated: true,
              successor: m.deprecation.successor,
              ...(m.deprecation.date ? { deprecation_date: m.deprecation.date } : {}),
            }
          : {}),
      })),
    );
    return apiJson({ object: "list", data });
  },
  { body: false },
);
