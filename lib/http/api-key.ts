import "server-only";
import { randomUUID } from "node:crypto";
import { consumeRateLimit, type RateLimitState } from "@/lib/billing/rate-limit";
import { env } from "@/lib/env";
import { AppError, type ErrorSurface, errorResponse, toAppError } from "@/lib/errors";
import { type CachedKey, lookupApiKey } from "@/lib/gateway/key-cache";
import { readJsonBody } from "@/lib/http/body";
import { logger } from "@/lib/logger";

// The wrapper every public /api/v1 route goes through: request id, API key (Authorization:
// Bearer or X-API-Key — headers only), rate limit, JSON body under the size limit, error
// mapping in the surface's shape, and the headers every authenticated response carries.

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers":
    "Authorization, X-API-Key, Content-Type, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, OpenAI-Organization, OpenAI-Project, X-Stainless-Lang, X-Stainless-Package-Version, X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, X-Stainless-Runtime-Version, X-Stainless-Retry-Count, X-Stainless-Timeout",
  "Access-Control-Expose-Headers":
    "X-Request-Id, request-id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Credits-Remaining, X-Upstream, Retry-After",
  "Access-Control-Max-Age": "86400",
};

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export interface ApiContext {
  req: Request;
  body: unknown;
  key: CachedKey;
  requestId: string;
  rateLimit: RateLimitState;
  /** Extra response headers (X-Credits-Remaining, X-Upstream). */
  headers: Headers;
}

function extractKey(req: Request): string | null {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1] ?? null;
  }
  return req.headers.get("x-api-key")?.trim() || null;
}

function withHeaders(res: Response, extra: Headers): Response {
  // Responses built by our handlers have mutable headers: set them in place rather than
  // re-wrapping the body (which would turn a plain JSON body into a stream).
  try {
    extra.forEach((value, name) => {
      res.headers.set(name, value);
    });
    return res;
  } catch {
    const headers = new Headers(res.headers);
    extra.forEach((value, name) => {
      headers.set(name, value);
    });
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

export function withApiKey(
  surface: Exclude<ErrorSurface, "json">,
  handler: (ctx: ApiContext) => Promise<Response>,
  options: { body: boolean } = { body: true },
) {
  return async (req: Request): Promise<Response> => {
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    const headers = new Headers(CORS_HEADERS);
    headers.set("X-Request-Id", requestId);
    // The official SDKs expose this one as `error.requestID`.
    headers.set("request-id", requestId);
    try {
      const raw = extractKey(req);
      if (!raw)
        throw new AppError(
          "invalid_api_key",
          "Missing API key: send Authorization: Bearer <key> or X-API-Key: <key>.",
        );
      const key = await lookupApiKey(raw);
      const now = new Date();
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) {
        throw new AppError(
          "invalid_api_key",
          key?.revokedAt ? "This API key has been revoked." : key ? "This API key has expired." : undefined,
        );
      }
      headers.set("X-Credits-Remaining", String(key.user.balance));
      const rateLimit = await consumeRateLimit({
        subject: key.id,
        balance: key.user.balance,
        perMinuteOverride: key.rateLimitPerMinute,
        disabled: key.rateLimitDisabled,
        headers,
      });
      const body = options.body ? await readJsonBody(req, env().MAX_BODY_BYTES) : undefined;
      const res = await handler({ req, body, key, requestId, rateLimit, headers });
      return withHeaders(res, headers);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal_error")
        logger.error({ err: error, requestId }, "unhandled error in API route");
      const balance = (error as { balance?: number }).balance;
      if (typeof balance === "number") headers.set("X-Credits-Remaining", String(balance));
      return errorResponse(appError, surface, headers);
    }
  };
}
