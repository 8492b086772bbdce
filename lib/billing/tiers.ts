// Rate-limit tiers per API key, chosen by the account's current balance (PRODUCT.md §2).

export interface RateLimitTier {
  minBalance: number;
  maxBalance: number | null;
  perMinute: number;
  perHour: number;
  perDay: number;
}

export const RATE_LIMIT_TIERS: readonly RateLimitTier[] = [
  { minBalance: 0, maxBalance: 100, perMinute: 20, perHour: 600, perDay: 5_000 },
  { minBalance: 101, maxBalance: 1_000, perMinute: 60, perHour: 2_000, perDay: 20_000 },
  { minBalance: 1_001, maxBalance: 10_000, perMinute: 200, perHour: 6_000, perDay: 50_000 },
  { minBalance: 10_001, maxBalance: null, perMinute: 500, perHour: 15_000, perDay: 100_000 },
];

export function tierForBalance(balance: number): RateLimitTier {
  for (let i = RATE_LIMIT_TIERS.length - 1; i >= 0; i--) {
    const tier = RATE_LIMIT_TIERS[i];
    if (tier && balance >= tier.minBalance) return tier;
  }
  return RATE_LIMIT_TIERS[0] as RateLimitTier;
}
