import "server-only";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";
import { SESSION_BODY_LIMIT } from "@/lib/http/body-limits";
import { hasNul } from "@/lib/http/strip-nul";
import { logger } from "@/lib/logger";

// The wrapper for UI-facing JSON routes: session → same-origin check for writes → body (size
// cap + zod, unknown fields stripped, NUL characters dropped) → handler → JSON; every error in the
// UI's JSON shape.

export { SESSION_BODY_LIMIT };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface SessionContext<Body, Params> {
  req: Request;
  user: SessionUser;
  body: Body;
  params: Params;
}

/** True when a browser says the request comes from a page of this deployment. */
export function isSameOrigin(req: Request): boolean {
  if (req.headers.get("sec-fetch-site") === "same-origin") return true;
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function withSession<
  Schema extends z.ZodType | undefined = undefined,
  Params extends Record<string, string> = Record<string, string>,
>(
  handler: (
    ctx: SessionContext<Schema extends z.ZodType ? z.output<Schema> : undefined, Params>,
  ) => Promise<unknown>,
  options: { body?: Schema } = {},
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const user = await requireUser();
      if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
        throw new AppError("forbidden", "Cross-site request refused.");
      }
      let body: unknown;
      if (options.body) {
        body = await parseJsonBody(req, options.body, { limit: SESSION_BODY_LIMIT, prefixParam: false });
      }
      const params = ((await ctx?.params) ?? {}) as Params;
      // No id holds a NUL: "not found" rather than a query PostgreSQL refuses (lib/http/strip-nul.ts).
      if (hasNul(Object.values(params))) throw new AppError("not_found");
      const result = await handler({ req, user, body: body as never, params });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal_error") {
        logger.error(
          { err: error, method: req.method, path: new URL(req.url).pathname },
          "session route failed",
        );
      }
      return errorResponse(appError, "json", { "Cache-Control": "no-store" });
    }
  };
}
