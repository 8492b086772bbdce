import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { limiter } from "@/lib/ip-limits";

// Slows password guessing: failed sign-ins are counted per (email, client address) and per client
// address; once a counter is full, further attempts are refused (without checking the password)
// until its window ends. Not per email alone: then anyone, anywhere, could lock the owner out by
// failing ten times. A successful sign-in clears its (email, address) counter.

export const EMAIL_IP_FAILURES_PER_MINUTE = 10;
export const IP_FAILURES_PER_MINUTE = 30;

const globalForThrottle = globalThis as unknown as {
  kimiSignInThrottle?: { byEmailIp: RateLimiterAbstract; byIp: RateLimiterAbstract };
};

function limiters() {
  globalForThrottle.kimiSignInThrottle ??= {
    byEmailIp: limiter("signin-email-ip", EMAIL_IP_FAILURES_PER_MINUTE, 60),
    byIp: limiter("signin-ip", IP_FAILURES_PER_MINUTE, 60),
  };
  return globalForThrottle.kimiSignInThrottle;
}

// An address holds no "/", so the key cannot be read two ways.
const emailIpKey = (email: string, ip: string) => `${ip}/${email}`;

/** Seconds to wait before another attempt is allowed, or 0 when one is allowed now. */
export async function signInRetryAfter({ email, ip }: { email: string; ip: string }): Promise<number> {
  const { byEmailIp, byIp } = limiters();
  const [pairRes, ipRes] = await Promise.all([byEmailIp.get(emailIpKey(email, ip)), byIp.get(ip)]);
  let waitMs = 0;
  if (pairRes && pairRes.consumedPoints >= EMAIL_IP_FAILURES_PER_MINUTE) waitMs = pairRes.msBeforeNext;
  if (ipRes && ipRes.consumedPoints >= IP_FAILURES_PER_MINUTE) waitMs = Math.max(waitMs, ipRes.msBeforeNext);
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
}

export async function recordSignInFailure({ email, ip }: { email: string; ip: string }): Promise<void> {
  const { byEmailIp, byIp } = limiters();
  // penalty() adds a point without rejecting, so the counter keeps its window.
  await Promise.all([byEmailIp.penalty(emailIpKey(email, ip), 1), byIp.penalty(ip, 1)]);
}

export async function clearSignInFailures({ email, ip }: { email: string; ip: string }): Promise<void> {
  await limiters().byEmailIp.delete(emailIpKey(email, ip));
}
