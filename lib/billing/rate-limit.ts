import "server-only";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { tierForBalance } from "@/lib/billing/tiers";
import { AppError, type RateLimitState } from "@/lib/errors";
import { limiter } from "@/lib/ip-limits";
import { metrics } from "@/lib/metrics";

// Per-key limits in three fixed windows (minute, hour, day); the tier, and so the allowance,
// follows the account's balance, so each window counts every request and the allowance is
// compared at the moment of the request. In-process by default; through Redis (atomic INCR +
// EXPIRE in rate-limiter-flexible) when REDIS_URL is set, so all instances share one count, and
// in-process again while Redis is unreachable (lib/ip-limits.ts limiter()).

const WINDOWS = [
  { name: "minute", seconds: 60 },
  { name: "hour", seconds: 3_600 },
  { name: "day", seconds: 86_400 },
] as const;

const UNBOUNDED = 1_000_000_000;

let limiters: RateLimiterAbstract[] | undefined;

function getLimiters(): RateLimiterAbstract[] {
  limiters ??= WINDOWS.map(({ name, seconds }) => limiter(`rl:${name}`, UNBOUNDED, seconds));
  return limiters;
}

export type { RateLimitState };

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.reset),
  };
}

/**
 * Counts one request for `subject` (an API key id, or `user:<id>` for the playground) and
 * throws rate_limit_exceeded (with the state, for headers) when any window is over its allowance.
 */
export async function consumeRateLimit(input: {
  subject: string;
  balance: number;
  perMinuteOverride?: number | null;
  disabled?: boolean;
  /** Receives the X-RateLimit-* headers, also when the limit is exceeded. */
  headers?: HeaderSink;
}): Promise<RateLimitState> {
  try {
    const state = await countRequest(input);
    if (input.headers) setHeaders(input.headers, state);
    return state;
  } catch (error) {
    const state = error instanceof AppError ? error.rateLimit : undefined;
    if (state && input.headers) setHeaders(input.headers, state);
    throw error;
  }
}

/** Web Headers or a Map: anything that takes `set(name, value)`. */
type HeaderSink = { set(name: string, value: string): unknown };

function setHeaders(headers: HeaderSink, state: RateLimitState) {
  for (const [name, value] of Object.entries(rateLimitHeaders(state))) headers.set(name, value);
}

async function countRequest(input: {
  subject: string;
  balance: number;
  perMinuteOverride?: number | null;
  disabled?: boolean;
}): Promise<RateLimitState> {
  const tier = tierForBalance(input.balance);
  const allowances = [input.perMinuteOverride ?? tier.perMinute, tier.perHour, tier.perDay];
  const now = Date.now();
  if (input.disabled) {
    return {
      limit: allowances[0] as number,
      remaining: allowances[0] as number,
      reset: Math.ceil(now / 1000) + 60,
    };
  }
  const results = await Promise.all(getLimiters().map((l) => l.consume(input.subject, 1).catch(asResult)));
  const minute = results[0] as RateLimiterRes;
  const state: RateLimitState = {
    limit: allowances[0] as number,
    remaining: Math.max(0, (allowances[0] as number) - minute.consumedPoints),
    reset: Math.ceil((now + minute.msBeforeNext) / 1000),
  };
  for (let i = 0; i < results.length; i++) {
    const res = results[i] as RateLimiterRes;
    if (res.consumedPoints > (allowances[i] as number)) {
      const window = WINDOWS[i]?.name ?? "minute";
      metrics.rateLimitRefusals
        .labels(input.subject.startsWith("user:") ? "playground" : "api", window)
        .inc();
      throw new AppError(
        "rate_limit_exceeded",
        `Rate limit exceeded: ${allowances[i]} requests per ${window} for this key.`,
        {
          retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          rateLimit: { ...state, remaining: 0 },
        },
      );
    }
  }
  return state;
}

/** rate-limiter-flexible rejects with a RateLimiterRes when points run out, or an Error if the store fails. */
function asResult(reason: unknown): RateLimiterRes {
  if (reason instanceof RateLimiterRes) return reason;
  throw reason;
}
