// GET /api/user/credits — balance, grants, totals and usage by day and hour; for an API key or the signed-in session.
import { creditsWithApiKey } from "@/lib/api/credits";
import { getSessionUser } from "@/lib/auth";
import { getCreditsReport } from "@/lib/data/usage-stats";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { CORS_HEADERS, corsPreflight } from "@/lib/http/api-key";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

export const OPTIONS = corsPreflight;

// With a key it is a public API call (lib/api/credits.ts); without one, the dashboard's session
// cookie is accepted instead.
export async function GET(req: Request): Promise<Response> {
  if (req.headers.has("authorization") || req.headers.has("x-api-key")) return creditsWithApiKey(req);
  try {
    const user = await getSessionUser();
    if (!user) {
      throw new AppError(
        "invalid_api_key",
        "Missing API key: send Authorization: Bearer <key> or X-API-Key: <key>, or sign in.",
      );
    }
    return Response.json(await getCreditsReport({ userId: user.id }), {
      headers: { "Cache-Control": "no-store" },
    });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") logger.error({ err: error }, "GET /api/user/credits failed");
    return errorResponse(appError, "openai", { ...CORS_HEADERS, "Cache-Control": "no-store" });
  }
}
