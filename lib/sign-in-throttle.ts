import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";

// Slows password guessing: failed sign-ins are counted per email and per client IP; once a
// counter is full, further attempts are refused (without checking the password) until its
// window ends. A successful sign-in clears the email's counter. In-process, like the default
// gateway limiter: several instances each allow the limit.

export const EMAIL_FAILURES_PER_MINUTE = 10;
export const IP_FAILURES_PER_MINUTE = 30;

const globalForThrottle = globalThis as unknown as {
  kimiSignInThrottle?: { byEmail: RateLimiterMemory; byIp: RateLimiterMemory };
};

function limiters() {
  globalForThrottle.kimiSignInThrottle ??= {
    byEmail: new RateLimiterMemory({
      keyPrefix: "signin-email",
      points: EMAIL_FAILURES_PER_MINUTE,
      duration: 60,
    }),
    byIp: new RateLimiterMemory({ keyPrefix: "signin-ip", points: IP_FAILURES_PER_MINUTE, duration: 60 }),
  };
  return globalForThrottle.kimiSignInThrottle;
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
