import "server-only";
import type { z } from "zod";
import { getSessionUser, requireUser, type SessionUser } from "@/lib/auth";
import { AppError, type ErrorSurface } from "@/lib/errors";
import { parseJsonBody, readRequestBytes } from "@/lib/http/body";
import { SESSION_BODY_LIMIT } from "@/lib/http/body-limits";
import { errorAnswer } from "@/lib/http/error-answer";
import { hasNul } from "@/lib/http/strip-nul";
import { newRequestId } from "@/lib/ids";

// The core under every route handler: auth → same-origin check → body (size cap, JSON, zod,
// NUL characters dropped) → handler → answer, every error in the route's shape and with the
// headers the handler had set (rate limit, credits, request id) kept. Thin wrappers sit on top
// (withSession in session.ts); withApiKey (api-key.ts) is the public API's own hot path on Node's
// objects, and shares the error mapping (error-answer.ts).

export type AuthMode = "session" | "optional-session" | "none";
type UserFor<A extends AuthMode> = A extends "session"
  ? SessionUser
  : A extends "optional-session"
    ? SessionUser | null
    : null;

export interface RouteOptions<A extends AuthMode, Schema extends z.ZodType | undefined> {
  auth: A;
  /** The JSON body's schema; without one the body is left to the handler (`readBody`). */
  body?: Schema;
  /** The body's byte limit (413 past it); the UI's limit unless given. */
  limit?: number;
  /** Refuse requests a browser says come from another site: by default writes with a session. */
  sameOrigin?: boolean;
  /** Answer with X-Request-Id (once auth and Origin have passed). */
  requestId?: boolean;
  errors?: Exclude<ErrorSurface, "anthropic">;
  /** Headers error answers carry besides the handler's (CORS for a public path). */
  errorHeaders?: Record<string, string>;
}

export interface RouteContext<User, Body, Params> {
  req: Request;
  user: User;
  body: Body;
  params: Params;
  requestId: string;
  /** Response headers, on success and on error; they win over a returned Response's own. */
  headers: Map<string, string>;
  /** The raw body under the route's limit, for a handler that reads it itself. */
  readBody(): Promise<Buffer>;
}

interface NextContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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

async function authenticate(mode: AuthMode): Promise<SessionUser | null> {
  if (mode === "session") return requireUser();
  return mode === "optional-session" ? getSessionUser() : null;
}

export function route<
  A extends AuthMode,
  Schema extends z.ZodType | undefined = undefined,
  Params extends Record<string, string> = Record<string, string>,
>(
  options: RouteOptions<A, Schema>,
  handler: (
    ctx: RouteContext<UserFor<A>, Schema extends z.ZodType ? z.output<Schema> : undefined, Params>,
  ) => Promise<unknown>,
) {
  const limit = options.limit ?? SESSION_BODY_LIMIT;
  const sameOrigin = options.sameOrigin ?? options.auth !== "none";
  return async (req: Request, next?: NextContext): Promise<Response> => {
    const requestId = newRequestId();
    const headers = new Map([["Cache-Control", "no-store"]]);
    try {
      const user = (await authenticate(options.auth)) as UserFor<A>;
      if (sameOrigin && !SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
        throw new AppError("forbidden", "Cross-site request refused.");
      }
      if (options.requestId) headers.set("X-Request-Id", requestId);
      const body = options.body
        ? await parseJsonBody(req, options.body, { limit, prefixParam: false })
        : undefined;
      const params = ((await next?.params) ?? {}) as Params;
      // No id holds a NUL: "not found" rather than a query PostgreSQL refuses (lib/http/strip-nul.ts).
      if (hasNul(Object.values(params))) throw new AppError("not_found");
      const readBody = () => readRequestBytes(req, limit);
      const result = await handler({ req, user, body: body as never, params, requestId, headers, readBody });
      if (!(result instanceof Response)) {
        return Response.json(result ?? { ok: true }, { headers: Object.fromEntries(headers) });
      }
      for (const [name, value] of headers) result.headers.set(name, value);
      return result;
    } catch (error) {
      const log = { requestId, method: req.method, path: new URL(req.url).pathname };
      const { status, body } = errorAnswer(error, options.errors ?? "json", headers, log);
      return Response.json(body, {
        status,
        headers: { ...options.errorHeaders, ...Object.fromEntries(headers) },
      });
    }
  };
}
