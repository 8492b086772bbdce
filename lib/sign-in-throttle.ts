import "server-only";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";

// Slows password guessing: failed sign-ins are counted per email and per client IP; once a
// counter is full, further attempts are refused (without checking the password) until its
// window ends. A successful sign-in clears the email's counter. Sign-ups are limited per IP too
// (SIGNUP_LIMIT_PER_HOUR), so free credits cannot be farmed. In-process by default; shared
// through Redis when REDIS_URL is set, like the gateway's limits.

export const EMAIL_FAILURES_PER_MINUTE = 10;
export const IP_FAILURES_PER_MINUTE = 30;

const globalForThrottle = globalThis as unknown as {
  kimiSignInThrottle?: {
    byEmail: RateLimiterAbstract;
    byIp: RateLimiterAbstract;
    signupByIp: RateLimiterAbstract;
  };
};

function limiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const client = redis();
  return client
    ? new RateLimiterRedis({ storeClient: client, keyPrefix: `kimi:${keyPrefix}`, points, duration })
    : new RateLimiterMemory({ keyPrefix, points, duration });
}

function limiters() {
  globalForThrottle.kimiSignInThrottle ??= {
    byEmail: limiter("signin-email", EMAIL_FAILURES_PER_MINUTE, 60),
    byIp: limiter("signin-ip", IP_FAILURES_PER_MINUTE, 60),
    signupByIp: limiter("signup-ip", env().SIGNUP_LIMIT_PER_HOUR, 3600),
  };
  return globalForThrottle.kimiSignInThrottle;
}

/** Counts a sign-up from this IP; returns seconds to wait when the hourly limit is used up, else 0. */
export async function consumeSignup(ip: string | null): Promise<number> {
  if (!ip) return 0;
  try {
    await limiters().signupByIp.consume(ip, 1);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

/** Seconds to wait before another attempt is allowed, or 0 when one is allowed now. */
export async function signInRetryAfter({ email, ip }: { email: string; ip: string | null }): Promise<number> {
  const { byEmail, byIp } = limiters();
  const [emailRes, ipRes] = await Promise.all([byEmail.get(email), ip ? byIp.get(ip) : null]);
  let waitMs = 0;
  if (emailRes && emailRes.consumedPoints >= EMAIL_FAILURES_PER_MINUTE) waitMs = emailRes.msBeforeNext;
  if (ipRes && ipRes.consumedPoints >= IP_FAILURES_PER_MINUTE) waitMs = Math.max(waitMs, ipRes.msBeforeNext);
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
}

export async function recordSignInFailure({
  email,
  ip,
}: {
  email: string;
  ip: string | null;
}): Promise<void> {
  const { byEmail, byIp } = limiters();
  // penalty() adds a point without rejecting, so the counter keeps its window.
  await Promise.all([byEmail.penalty(email, 1), ip ? byIp.penalty(ip, 1) : null]);
}

export async function clearSignInFailures({ email }: { email: string }): Promise<void> {
  await limiters().byEmail.delete(email);
}

/** The client address as the first proxy saw it (x-forwarded-for's first entry, else x-real-ip). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}
