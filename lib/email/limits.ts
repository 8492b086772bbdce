import "server-only";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { limiter } from "@/lib/ip-limits";

// How often anyone may make us send email. Reset requests count per address (so no one can flood
// an inbox) and per client address (so no one can walk a list of addresses), whether or not an
// account exists: the limit's answer says nothing about the address. Verification resends count
// per account.

export const RESET_REQUESTS_PER_ADDRESS = 5;
export const RESET_REQUESTS_PER_IP = 20;
export const VERIFICATION_RESENDS = 5;
const WINDOW_S = 3600;

const globalForLimits = globalThis as unknown as {
  kimiEmailLimits?: {
    byAddress: RateLimiterAbstract;
    byIp: RateLimiterAbstract;
    resend: RateLimiterAbstract;
  };
};

function limiters() {
  globalForLimits.kimiEmailLimits ??= {
    byAddress: limiter("reset-address", RESET_REQUESTS_PER_ADDRESS, WINDOW_S),
    byIp: limiter("reset-ip", RESET_REQUESTS_PER_IP, WINDOW_S),
    resend: limiter("verify-resend", VERIFICATION_RESENDS, WINDOW_S),
  };
  return globalForLimits.kimiEmailLimits;
}

async function consumeOrThrow(limit: RateLimiterAbstract, key: string, message: string) {
  try {
    await limit.consume(key, 1);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("rate_limit_exceeded", `${message} Try again in ${retryAfter} s.`, { retryAfter });
  }
}

/** Counts a reset request; throws rate_limit_exceeded past either limit. */
export async function consumeResetRequest({ email, ip }: { email: string; ip: string }) {
  const { byAddress, byIp } = limiters();
  await consumeOrThrow(byIp, ip, "Too many reset requests from this network.");
  await consumeOrThrow(byAddress, email, "Too many reset requests for this address.");
}

/** Counts a verification resend; throws rate_limit_exceeded past the limit. */
export async function consumeVerificationResend({ userId }: { userId: string }) {
  await consumeOrThrow(limiters().resend, userId, "Too many confirmation emails sent.");
}
