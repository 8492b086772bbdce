// The rate-limit tier for a balance; the tiers themselves are in policy.ts.

import { RATE_LIMIT_TIERS, type RateLimitTier } from "@/lib/billing/policy";

export function tierForBalance(balance: number): RateLimitTier {
  for (let i = RATE_LIMIT_TIERS.length - 1; i >= 0; i--) {
    const tier = RATE_LIMIT_TIERS[i];
    if (tier && balance >= tier.minBalance) return tier;
  }
  return RATE_LIMIT_TIERS[0] as RateLimitTier;
}
