import { getCreditsReport } from "@/lib/data/usage-stats";
import { apiJson, withApiKey } from "@/lib/http/api-key";

// GET /api/user/credits for an API key: a public API call like /api/v1 — rate limited, with the
// usual headers and OpenAI-shaped errors. Its own module, free of the session code, so the
// production server's gateway process can serve it (scripts/server/direct-routes.ts).
export const getCreditsWithApiKey = withApiKey(
  "openai",
  async ({ key }) =>
    apiJson(await getCreditsReport({ userId: key.userId }), { headers: { "Cache-Control": "no-store" } }),
  { body: false },
);
