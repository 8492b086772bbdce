// Credit packages (PRODUCT.md §2). Prices are integer cents, all in one currency.

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

export function findPackage(id: string): CreditPackage | undefined {
  return PACKAGES.find((p) => p.id === id);
}

/** When a package bought at `from` expires (calendar months), or null. */
export function packageExpiry(pkg: CreditPackage, from: Date): Date | null {
  if (pkg.validityMonths === null) return null;
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + pkg.validityMonths);
  return d;
}

export function formatCents(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}
