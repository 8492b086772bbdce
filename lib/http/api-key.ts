import "server-only";
import { type Abortable, abortableOf } from "@/lib/abort";
import { recordCall } from "@/lib/access-log";
import { consumeRateLimit, type RateLimitState } from "@/lib/billing/rate-limit";
import { type CachedKey, cachedApiKey, lookupApiKey } from "@/lib/data/api-key-cache";
import { env } from "@/lib/env";
import { AppError, type ErrorSurface, toAppError } from "@/lib/errors";
import { SSE_HEADERS } from "@/lib/gateway/openai-stream";
import { parseJsonBytes, readRequestBytes } from "@/lib/http/body";
import { errorAnswer } from "@/lib/http/error-answer";
import { API_SECURITY_HEADERS, HSTS, isHttps } from "@/lib/http/security-headers";
import { newRequestId } from "@/lib/ids";
import type { Surface } from "@/lib/metrics";

// The wrapper every public /api/v1 route goes through: request id, API key (Authorization:
// Bearer or X-API-Key — headers only), rate limit, JSON body under the size limit, error
// mapping in the surface's shape, and the headers every authenticated response carries. It works
// on a small request/response pair of its own rather than Web Request/Response, so the gateway
// process (server/main.ts, server/node-adapter.ts) serves it straight from Node's HTTP objects;
// Next calls the same route through the Web adapter. Errors map as every route's do (route.ts).

// Every response carries these two; a browser reads the rest only from a preflight's answer, so
// only corsPreflight sends them (half a kilobyte less on every call).
export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers":
    "X-Request-Id, request-id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Credits-Remaining, X-Upstream, X-Ignored-Tools, Retry-After, Deprecation, Link, X-Model-Successor",
};

const CORS_PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  ...API_SECURITY_HEADERS,
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "Authorization, X-API-Key, Content-Type, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, OpenAI-Organization, OpenAI-Project, X-Stainless-Lang, X-Stainless-Package-Version, X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, X-Stainless-Runtime-Version, X-Stainless-Retry-Count, X-Stainless-Timeout",
  "Access-Control-Max-Age": "86400",
};

// What every answer of the wrapper starts with: CORS, and nosniff with a CSP that lets nothing run.
const BASE_ENTRIES = Object.entries({ ...CORS_HEADERS, ...API_SECURITY_HEADERS });

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_PREFLIGHT_HEADERS });
}

/** A request as the wrapper needs it, whether it came through Next (Web Request) or Node's HTTP server. */
export interface ApiRequest {
  method: string;
  /** The path and query, as the request line had them. */
  url: string;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** Aborts when the client goes away. */
  signal: Abortable;
  /** The body's bytes, at most `limit` (413 past it, chunked bodies included). */
  readBody(limit: number): Promise<Buffer>;
}

/** What a handler answers: JSON text, an event stream, or nothing. No Web Response on the hot path. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | ReadableStream<Uint8Array> | null;
}

export function apiJson(
  value: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): ApiResponse {
  return {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", ...init.headers },
    body: JSON.stringify(value),
  };
}

export function apiEventStream(stream: ReadableStream<Uint8Array>): ApiResponse {
  return { status: 200, headers: { ...SSE_HEADERS }, body: stream };
}

export interface ApiContext {
  req: ApiRequest;
  body: unknown;
  key: CachedKey;
  requestId: string;
  rateLimit: RateLimitState;
  /** Extra response headers (X-Credits-Remaining, X-Upstream); they win over the handler's. */
  headers: Map<string, string>;
  /** The call enters the chat pipeline, which records it when it settles (lib/access-log.ts). */
  chatStarted(): void;
}

/** A public API route: callable by Next as a route handler, and `serve` for the gateway process. */
export interface ApiRoute {
  (req: Request): Promise<Response>;
  serve(req: ApiRequest): Promise<ApiResponse>;
}

function extractKey(req: ApiRequest): string | null {
  const auth = req.header("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1] ?? null;
  }
  return req.header("x-api-key")?.trim() || null;
}

function fromWebRequest(req: Request): ApiRequest {
  return {
    method: req.method,
    url: (({ pathname, search }) => pathname + search)(new URL(req.url)),
    header: (name) => req.headers.get(name) ?? undefined,
    signal: abortableOf(req.signal),
    readBody: (limit) => readRequestBytes(req, limit),
  };
}

function toWebResponse(res: ApiResponse): Response {
  return new Response(res.body, { status: res.status, headers: res.headers });
}

export function withApiKey(
  surface: Exclude<ErrorSurface, "json">,
  handler: (ctx: ApiContext) => Promise<ApiResponse>,
  options: { body?: boolean; surface?: Surface } = {},
): ApiRoute {
  const logSurface = options.surface ?? surface;
  const serve = async (req: ApiRequest): Promise<ApiResponse> => {
    const requestId = newRequestId();
    const started = performance.now();
    let key: CachedKey | undefined;
    let chat = false;
    const record = (status: number, errorCode: string | null) => {
      if (chat) return;
      recordCall({
        requestId,
        surface: logSurface,
        keyId: key?.id ?? null,
        userId: key?.userId ?? null,
        model: null,
        upstream: null,
        status,
        errorCode,
        durationMs: Math.round(performance.now() - started),
        credits: 0,
      });
    };
    const headers = new Map(BASE_ENTRIES);
    if (isHttps(req.header("x-forwarded-proto"))) headers.set("Strict-Transport-Security", HSTS);
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
      const found = cachedApiKey(raw) ?? (await lookupApiKey(raw));
      const now = new Date();
      if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) {
        throw new AppError(
          "invalid_api_key",
          found?.revokedAt
            ? "This API key has been revoked."
            : found
              ? "This API key has expired."
              : undefined,
        );
      }
      key = found;
      // No X-Credits-Remaining from the cache: only a figure this call's own reservation (or
      // refund, or refusal) read from the database is sent; see /docs#rate-limits.
      const rateLimit = await consumeRateLimit({
        subject: key.id,
        balance: key.user.balance,
        perMinuteOverride: key.rateLimitPerMinute,
        disabled: key.rateLimitDisabled,
        headers,
      });
      const body =
        (options.body ?? true) ? parseJsonBytes(await req.readBody(env().MAX_BODY_BYTES)) : undefined;
      const chatStarted = () => {
        chat = true;
      };
      const res = await handler({ req, body, key, requestId, rateLimit, headers, chatStarted });
      for (const [name, value] of headers) res.headers[name] = value;
      record(res.status, null);
      return res;
    } catch (error) {
      const { status, body } = errorAnswer(error, surface, headers, { requestId });
      record(status, toAppError(error).code);
      return apiJson(body, { status, headers: Object.fromEntries(headers) });
    }
  };
  return Object.assign((req: Request) => serve(fromWebRequest(req)).then(toWebResponse), { serve });
}
