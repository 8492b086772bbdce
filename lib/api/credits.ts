import { getCreditsReport } from "@/lib/data/usage-stats";
import { apiJson, withApiKey } from "@/lib/http/api-key";

// GET /api/user/credits for an API key: a public API call like /api/v1 — rate limited, with the
// usual headers and OpenAI-shaped errors. The session path stays in app/api/user/credits/route.ts.
export const creditsWithApiKey = withApiKey(
  "openai",
  async ({ key }) =>
    apiJson(await getCreditsReport({ userId: key.userId }), { headers: { "Cache-Control": "no-store" } }),
  { body: false },
);
