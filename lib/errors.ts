import type { ZodError } from "zod";

// One error type for the whole app, one code → status map, one response shape per surface:
// OpenAI (`{"error":{message,type,code,param}}`), Anthropic (`{"type":"error","error":{type,message}}`)
// and the UI's JSON (`{"error":{code,message}}`). Internal details never reach a response.

export const ERROR_CODES = {
  invalid_request: { status: 400, openai: "invalid_request_error", anthropic: "invalid_request_error" },
  invalid_json: { status: 400, openai: "invalid_request_error", anthropic: "invalid_request_error" },
  context_length_exceeded: {
    status: 400,
    openai: "invalid_request_error",
    anthropic: "invalid_request_error",
  },
  model_not_found: { status: 400, openai: "invalid_request_error", anthropic: "not_found_error" },
  invalid_api_key: { status: 401, openai: "invalid_request_error", anthropic: "authentication_error" },
  unauthorized: { status: 401, openai: "invalid_request_error", anthropic: "authentication_error" },
  insufficient_credits: { status: 403, openai: "insufficient_quota", anthropic: "billing_error" },
  forbidden: { status: 403, openai: "invalid_request_error", anthropic: "permission_error" },
  conversation_limit_reached: {
    status: 403,
    openai: "invalid_request_error",
    anthropic: "permission_error",
  },
  not_found: { status: 404, openai: "invalid_request_error", anthropic: "not_found_error" },
  method_not_allowed: { status: 405, openai: "invalid_request_error", anthropic: "invalid_request_error" },
  request_timeout: { status: 408, openai: "invalid_request_error", anthropic: "invalid_request_error" },
  conflict: { status: 409, openai: "invalid_request_error", anthropic: "invalid_request_error" },
  body_too_large: { status: 413, openai: "invalid_request_error", anthropic: "request_too_large" },
  rate_limit_exceeded: { status: 429, openai: "rate_limit_error", anthropic: "rate_limit_error" },
  upstream_rate_limited: { status: 429, openai: "rate_limit_error", anthropic: "rate_limit_error" },
  internal_error: { status: 500, openai: "server_error", anthropic: "api_error" },
  upstream_error: { status: 502, openai: "server_error", anthropic: "api_error" },
  invalid_structured_output: { status: 502, openai: "server_error", anthropic: "api_error" },
  upstream_unavailable: { status: 503, openai: "server_error", anthropic: "overloaded_error" },
  payments_not_configured: { status: 503, openai: "server_error", anthropic: "api_error" },
  upstream_timeout: { status: 504, openai: "server_error", anthropic: "timeout_error" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  invalid_request: "The request is invalid.",
  invalid_json: "The request body is not valid JSON.",
  context_length_exceeded: "The input exceeds the model's context window.",
  model_not_found: "The model does not exist.",
  invalid_api_key: "Invalid API key provided.",
  unauthorized: "You must be signed in.",
  insufficient_credits: "Your credit balance is insufficient for this request.",
  forbidden: "You are not allowed to do that.",
  conversation_limit_reached: "Your account keeps no more saved conversations; delete old ones to save more.",
  not_found: "Not found.",
  method_not_allowed: "Method not allowed.",
  request_timeout: "The request did not arrive whole in time.",
  conflict: "The request conflicts with the current state.",
  body_too_large: "The request body is too large.",
  rate_limit_exceeded: "Rate limit exceeded. Retry after the time in the Retry-After header.",
  upstream_rate_limited: "The upstream model provider is rate limiting requests. Retry shortly.",
  internal_error: "Internal server error.",
  upstream_error: "The upstream model provider returned an error.",
  invalid_structured_output: "The model's reply does not conform to the requested JSON schema.",
  upstream_unavailable: "The upstream model provider is unavailable. Retry shortly.",
  payments_not_configured: "Payments are not configured on this deployment.",
  upstream_timeout: "The upstream model provider timed out.",
};

/** The minute window of a rate limit, as the X-RateLimit-* headers report it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds when the minute window resets. */
  reset: number;
}

/** One upstream the router tried, and how it answered. */
export interface UpstreamAttempt {
  provider: string;
  status: number | "timeout" | "network";
}

export interface AppErrorOptions {
  param?: string | null;
  /** Seconds, for 429s. */
  retryAfter?: number;
  cause?: unknown;
  /** Credits left after this request's refund or refusal, read from the database (X-Credits-Remaining). */
  balance?: number;
  /** The rate-limit window that refused the request (X-RateLimit-* headers). */
  rateLimit?: RateLimitState;
  /** The upstreams tried before the router gave up. */
  attempts?: readonly UpstreamAttempt[];
  /** A status other than the code's usual one (a retired model is a 404, not a 400). */
  status?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly param: string | null;
  readonly retryAfter: number | undefined;
  readonly balance: number | undefined;
  readonly rateLimit: RateLimitState | undefined;
  readonly attempts: readonly UpstreamAttempt[] | undefined;
  readonly statusOverride: number | undefined;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.param = options.param ?? null;
    this.retryAfter = options.retryAfter;
    this.balance = options.balance;
    this.rateLimit = options.rateLimit;
    this.attempts = options.attempts;
    this.statusOverride = options.status;
  }

  get status(): number {
    return this.statusOverride ?? ERROR_CODES[this.code].status;
  }

  /** The same error, carrying the balance its request was left with. */
  withBalance(balance: number | undefined): AppError {
    if (balance === this.balance) return this;
    return new AppError(this.code, this.message, {
      param: this.param,
      retryAfter: this.retryAfter,
      cause: this.cause,
      balance,
      rateLimit: this.rateLimit,
      attempts: this.attempts,
      status: this.statusOverride,
    });
  }
}

/** How much client input an error message quotes back: enough to recognise it, never a 100 KB echo. */
export const MAX_ECHO_CHARS = 64;

/** Client input as an error message quotes it: cut to MAX_ECHO_CHARS (never inside a surrogate pair) + "…". */
export function clipForEcho(value: string): string {
  if (value.length <= MAX_ECHO_CHARS) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(MAX_ECHO_CHARS - 1)) ? MAX_ECHO_CHARS - 1 : MAX_ECHO_CHARS;
  return `${value.slice(0, end)}…`;
}

/**
 * The first zod issue as a 400 with `param`. API clients get the field in the message
 * ("temperature: …"); UI forms show the bare message next to the field (`prefixParam: false`).
 */
export function zodToAppError(
  error: ZodError,
  { prefixParam = true }: { prefixParam?: boolean } = {},
): AppError {
  const issue = error.issues[0];
  const param = issue?.path.length ? issue.path.join(".") : null;
  const message = issue && prefixParam && param ? `${param}: ${issue.message}` : issue?.message;
  return new AppError("invalid_request", message, { param });
}

/** Anything thrown becomes an AppError; unknown errors are hidden behind `internal_error`. */
export function toAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError("internal_error", undefined, { cause: error });
}

export function toOpenAIBody(error: AppError) {
  return {
    error: {
      message: error.message,
      type: ERROR_CODES[error.code].openai,
      code: error.code,
      param: error.param,
    },
  };
}

export function toAnthropicBody(error: AppError) {
  return {
    type: "error" as const,
    error: { type: ERROR_CODES[error.code].anthropic, message: error.message },
  };
}

export function toJsonBody(error: AppError) {
  return {
    error: { code: error.code, message: error.message, ...(error.param ? { param: error.param } : {}) },
  };
}

export type ErrorSurface = "openai" | "anthropic" | "json";

/** The HTTP status a surface uses: Anthropic signals overload with 529 and an unknown model with 404. */
export function statusFor(error: AppError, surface: ErrorSurface): number {
  if (surface === "anthropic" && error.code === "upstream_unavailable") return 529;
  if (surface === "anthropic" && error.code === "model_not_found") return 404;
  return error.status;
}

/** An error as a surface shows it: status, body and, for 429s, Retry-After. */
export function errorPayload(
  error: AppError,
  surface: ErrorSurface,
): { status: number; body: object; retryAfter: string | undefined } {
  const body =
    surface === "openai"
      ? toOpenAIBody(error)
      : surface === "anthropic"
        ? toAnthropicBody(error)
        : toJsonBody(error);
  const retryAfter =
    error.retryAfter === undefined ? undefined : String(Math.max(1, Math.ceil(error.retryAfter)));
  return { status: statusFor(error, surface), body, retryAfter };
}

export function errorResponse(error: AppError, surface: ErrorSurface, headers?: HeadersInit): Response {
  const { status, body, retryAfter } = errorPayload(error, surface);
  const h = new Headers(headers);
  if (retryAfter) h.set("Retry-After", retryAfter);
  return Response.json(body, { status, headers: h });
}
