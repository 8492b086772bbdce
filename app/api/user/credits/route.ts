// GET /api/user/credits — balance, grants, totals and usage by day and hour; for an API key or the signed-in session.
import { creditsWithApiKey } from "@/lib/api/credits";
import { getCreditsReport } from "@/lib/data/usage-stats";
import { AppError } from "@/lib/errors";
import { CORS_HEADERS, corsPreflight } from "@/lib/http/api-key";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const OPTIONS = corsPreflight;

// Without a key, the dashboard's session cookie is accepted instead; errors stay OpenAI-shaped.
const withSessionCookie = route(
  { auth: "optional-session", errors: "openai", errorHeaders: CORS_HEADERS },
  async ({ user }) => {
    if (!user) {
      throw new AppError(
        "invalid_api_key",
        "Missing API key: send Authorization: Bearer <key> or X-API-Key: <key>, or sign in.",
      );
    }
    return getCreditsReport({ userId: user.id });
  },
);

// With a key it is a public API call (lib/api/credits.ts, in the table of lib/api/routes.ts).
export function GET(req: Request): Promise<Response> {
  if (req.headers.has("authorization") || req.headers.has("x-api-key")) return creditsWithApiKey(req);
  return withSessionCookie(req);
}
