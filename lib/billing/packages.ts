// Credit packages: lookup, expiry and price formatting. The packages themselves are in policy.ts.

import { type CreditPackage, PACKAGES } from "@/lib/billing/policy";

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

/** The one package both the landing page and /pricing highlight: the lowest price per credit. */
export const FEATURED_PACKAGE: { id: CreditPackage["id"]; label: string } = {
  id: PACKAGES.reduce((best, p) => (p.priceCents / p.credits < best.priceCents / best.credits ? p : best)).id,
  label: "Best value",
};
