import "server-only";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";

// Limits per client address (lib/http/client-ip.ts) on what anyone may do without an account:
// sign-ups (each gets free credits, OAuth ones too) and Enterprise inquiries (each is a row).
// In-process by default; shared through Redis when REDIS_URL is set, like the gateway's limits.

/** Enterprise inquiries one address may store per hour. */
export const ENTERPRISE_INQUIRIES_PER_HOUR = 10;

/**
 * A limiter shared through Redis when REDIS_URL is set, else in-process. While Redis is unreachable
 * every operation goes, without waiting (lib/redis.ts), to an in-process twin (its insurance limiter): each
 * instance then counts on its own until Redis answers again.
 */
export function limiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const client = redis();
  const local = new RateLimiterMemory({ keyPrefix, points, duration });
  return client
    ? new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `kimi:${keyPrefix}`,
        points,
        duration,
        insuranceLimiter: local,
      })
    : local;
}

const globalForLimits = globalThis as unknown as {
  kimiIpLimits?: { signup: RateLimiterAbstract; enterprise: RateLimiterAbstract };
};

function limiters() {
  globalForLimits.kimiIpLimits ??= {
    signup: limiter("signup-ip", env().SIGNUP_LIMIT_PER_HOUR, 3600),
    enterprise: limiter("enterprise-ip", ENTERPRISE_INQUIRIES_PER_HOUR, 3600),
  };
  return globalForLimits.kimiIpLimits;
}

async function consume(limit: RateLimiterAbstract, ip: string): Promise<number> {
  try {
    await limit.consume(ip, 1);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return secondsUntil(error);
    throw error;
  }
}

/** Counts a sign-up from this address; returns seconds to wait when the hour's are used up, else 0. */
export function consumeSignup(ip: string): Promise<number> {
  return consume(limiters().signup, ip);
}

function secondsUntil(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Seconds until this address may send another Enterprise inquiry, or 0: a check, not a count. */
export async function enterpriseInquiryWait(ip: string): Promise<number> {
  const res = await limiters().enterprise.get(ip);
  return res && res.consumedPoints >= ENTERPRISE_INQUIRIES_PER_HOUR ? secondsUntil(res) : 0;
}

/** Counts an Enterprise inquiry from this address; seconds to wait when over the limit, else 0. */
export function consumeEnterpriseInquiry(ip: string): Promise<number> {
  return consume(limiters().enterprise, ip);
}
