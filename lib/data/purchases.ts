import "server-only";
import { type CreditPackage, PACKAGE_CURRENCY } from "@/lib/billing/policy";
import { db } from "@/lib/db";

// Purchases: one row per checkout session (Stripe or test mode). A row starts "pending" when the
// checkout is created and turns "paid" only inside fulfilPurchase (lib/billing/payments.ts).

export type PurchaseProvider = "stripe" | "test";

const publicFields = {
  id: true,
  packageId: true,
  credits: true,
  amountCents: true,
  currency: true,
  status: true,
  provider: true,
  providerSessionId: true,
  createdAt: true,
  fulfilledAt: true,
  grantId: true,
} as const;

export async function createPendingPurchase({
  userId,
  pkg,
  provider,
  sessionId,
  amountCents = pkg.priceCents,
}: {
  userId: string;
  pkg: CreditPackage;
  provider: PurchaseProvider;
  sessionId: string;
  amountCents?: number;
}) {
  return db().purchase.create({
    data: {
      userId,
      packageId: pkg.id,
      credits: pkg.credits,
      amountCents,
      currency: PACKAGE_CURRENCY,
      status: "pending",
      provider,
      providerSessionId: sessionId,
    },
    select: publicFields,
  });
}

/** The user's own purchase for a checkout session, or null. */
export async function findPurchaseBySession({ userId, sessionId }: { userId: string; sessionId: string }) {
  return db().purchase.findFirst({ where: { providerSessionId: sessionId, userId }, select: publicFields });
}

/** A paid purchase of the user with what its receipt shows (the grant's expiry included). */
export async function getReceipt({ userId, purchaseId }: { userId: string; purchaseId: string }) {
  const purchase = await db().purchase.findFirst({
    where: { id: purchaseId, userId, status: "paid" },
    select: { ...publicFields, user: { select: { email: true, name: true } } },
  });
  if (!purchase) return null;
  const grant = purchase.grantId
    ? await db().creditGrant.findUnique({ where: { id: purchase.grantId }, select: { expiresAt: true } })
    : null;
  return { ...purchase, expiresAt: grant?.expiresAt ?? null };
}

/** Paid purchases, newest first. */
export async function listPurchases({ userId, limit = 50 }: { userId: string; limit?: number }) {
  return db().purchase.findMany({
    where: { userId, status: "paid" },
    orderBy: [{ fulfilledAt: "desc" }, { createdAt: "desc" }],
    take: limit,
    select: publicFields,
  });
}

/** A checkout that ended without payment (Stripe's session expired). Paid rows are never touched. */
export async function markPurchaseExpired({ sessionId }: { sessionId: string }) {
  const { count } = await db().purchase.updateMany({
    where: { providerSessionId: sessionId, status: "pending" },
    data: { status: "expired" },
  });
  return count > 0;
}
