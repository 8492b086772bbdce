import "server-only";
import { packageExpiry } from "@/lib/billing/packages";
import { type CreditPackage, PACKAGE_CURRENCY } from "@/lib/billing/policy";
import { grantCredits, isUniqueViolation } from "@/lib/data/credits";
import { payFirstPurchaseReward } from "@/lib/data/invites";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Purchases: one row per checkout session (Stripe or test mode). A row starts "pending" when the
// checkout is created and turns "paid" only in fulfilPendingPurchase, which lib/billing/payments.ts
// calls once the payment checks pass.

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

/**
 * Claims a paid purchase's receipt for sending: only one caller ever gets it (a conditional
 * update), with what the receipt shows; null when it is not paid or already claimed.
 */
export async function claimReceipt({ purchaseId, now = new Date() }: { purchaseId: string; now?: Date }) {
  const { count } = await db().purchase.updateMany({
    where: { id: purchaseId, status: "paid", receiptSentAt: null },
    data: { receiptSentAt: now },
  });
  if (count !== 1) return null;
  const purchase = await db().purchase.findUniqueOrThrow({
    where: { id: purchaseId },
    select: { ...publicFields, user: { select: { email: true } } },
  });
  const grant = purchase.grantId
    ? await db().creditGrant.findUnique({ where: { id: purchase.grantId }, select: { expiresAt: true } })
    : null;
  return { ...purchase, email: purchase.user.email, expiresAt: grant?.expiresAt ?? null };
}

/** Gives a receipt back after its send failed, so that a retried fulfilment sends it. */
export async function releaseReceipt({ purchaseId }: { purchaseId: string }) {
  await db().purchase.update({ where: { id: purchaseId }, data: { receiptSentAt: null } });
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

export type FulfilPurchaseResult =
  | { status: "fulfilled"; purchaseId: string; credits: number; balance: number; inviteRewarded: boolean }
  | { status: "duplicate"; purchaseId: string };

/** Thrown inside the transaction to roll it back when the session is not ours to fulfil now. */
class NotClaimed extends Error {}

/**
 * Marks our pending purchase for this provider, session, user and package paid and grants its
 * credits (and the inviter's first-purchase reward), exactly once: by a conditional claim of the
 * row and the ledger's unique key `purchase:<sessionId>`, not a check-then-insert. Whatever loses
 * that race rolls back and reports a duplicate; any other failure propagates.
 */
export async function fulfilPendingPurchase({
  provider,
  sessionId,
  userId,
  pkg,
  amountCents,
  currency,
  inviteReward,
  now,
}: {
  provider: PurchaseProvider;
  sessionId: string;
  userId: string;
  pkg: CreditPackage;
  amountCents: number;
  currency: string;
  /** Credits for the inviter when this is the invitee's first paid purchase. */
  inviteReward: number;
  now: Date;
}): Promise<FulfilPurchaseResult> {
  try {
    return await db().$transaction(async (tx) => {
      // Claim our pending row with a write first (on SQLite this takes the write lock at once; on
      // PostgreSQL a concurrent claim waits for this one and then no longer matches).
      const claimed = await tx.purchase.updateMany({
        where: { providerSessionId: sessionId, provider, userId, packageId: pkg.id, status: { not: "paid" } },
        data: { amountCents, currency, status: "paid", fulfilledAt: now },
      });
      if (claimed.count !== 1) throw new NotClaimed();
      const purchase = await tx.purchase.findUniqueOrThrow({
        where: { providerSessionId: sessionId },
        select: { id: true },
      });

      const grant = await grantCredits({
        tx,
        userId,
        amount: pkg.credits,
        source: "purchase",
        idempotencyKey: `purchase:${sessionId}`,
        expiresAt: packageExpiry(pkg, now),
        purchaseId: purchase.id,
        reference: sessionId,
        note: `${pkg.name} package`,
      });
      // The claim above makes a second grant for a session impossible; if the ledger holds one
      // anyway, fail loudly rather than call it paid.
      if (!grant.granted || grant.balance === undefined)
        throw new Error(`the ledger already holds purchase:${sessionId}`);
      await tx.purchase.update({ where: { id: purchase.id }, data: { grantId: grant.grantId } });
      const inviteRewarded = await payFirstPurchaseReward({
        tx,
        inviteeId: userId,
        credits: inviteReward,
        now,
      });
      return {
        status: "fulfilled",
        purchaseId: purchase.id,
        credits: pkg.credits,
        balance: grant.balance,
        inviteRewarded,
      } as const;
    });
  } catch (error) {
    if (!(error instanceof NotClaimed || isUniqueViolation(error))) throw error;
    // Only a session of this user and provider that really is paid counts as a duplicate.
    const existing = await db().purchase.findUnique({
      where: { providerSessionId: sessionId },
      select: { id: true, status: true, userId: true, provider: true },
    });
    if (existing?.status === "paid" && existing.userId === userId && existing.provider === provider)
      return { status: "duplicate", purchaseId: existing.id };
    if (error instanceof NotClaimed)
      throw new AppError("not_found", "No pending checkout session of this deployment matches.");
    throw error;
  }
}
