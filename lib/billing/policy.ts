// The credit policy: every number a user is promised (sign-up grant, invite rewards, packages,
// rate-limit tiers) lives here, and pages, copy and the billing code all read it from here.
// Prices are integer cents, all in one currency.

/** Credits a new account starts with; they never expire. */
export const SIGNUP_CREDITS = 100;
/** Credits the inviter earns when an invitee registers. */
export const INVITE_SIGNUP_REWARD = 50;
/** Credits the inviter earns, once, when the invitee's first purchase is paid. */
export const INVITE_PURCHASE_REWARD = 500;

export const PACKAGE_CURRENCY = "usd";

export type PackageId = "starter" | "standard" | "premium";

export interface CreditPackage {
  id: PackageId;
  name: string;
  credits: number;
  priceCents: number;
  /** Months of validity; null: no expiry. */
  validityMonths: number | null;
  description: string;
}

export const PACKAGES: readonly CreditPackage[] = [
  {
    id: "starter",
    name: "Starter",
    credits: 500,
    priceCents: 499,
    validityMonths: null,
    description: "Try things out. Never expires.",
  },
  {
    id: "standard",
    name: "Standard",
    credits: 5_000,
    priceCents: 2_999,
    validityMonths: 1,
    description: "For regular use. Valid 1 month.",
  },
  {
    id: "premium",
    name: "Premium",
    credits: 20_000,
    priceCents: 5_999,
    validityMonths: 1,
    description: "Best price per request. Valid 1 month.",
  },
];

/** Rate limits per API key, chosen by the account's current balance. */
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
