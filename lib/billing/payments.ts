import "server-only";
import { randomUUID } from "node:crypto";
import { findPackage, packageExpiry } from "@/lib/billing/packages";
import { INVITE_PURCHASE_REWARD, PACKAGE_CURRENCY } from "@/lib/billing/policy";
import { grantCredits, isUniqueViolation } from "@/lib/data/credits";
import { type Db, db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Fulfilment: the ONE place a paid checkout turns into credits, for Stripe's webhook and for
// test mode alike. Only a checkout we started is fulfilled: our pending purchase row for that
// provider, session, user and package, paid at exactly the package's price and currency; anything
// else (a session we never made, another user's, 0 JPY) is refused before a write. Exactly once
// per session, by a conditional claim of that row and the ledger's unique idempotency key
// `purchase:<sessionId>` rather than a check-then-insert: whatever loses that race rolls back and
// reports a duplicate; any other failure propagates, so the caller answers 5xx and Stripe retries.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface FulfilPurchaseInput {
  provider: "stripe" | "test";
  /** The Checkout Session id (or the test-mode session id). */
  sessionId: string;
  userId: string;
  packageId: string;
  /** What was actually paid, integer cents. */
  amountCents: number;
  currency: string;
  /** Injected clock (tests); the grant's expiry counts from here. */
  now?: Date;
}

export type FulfilPurchaseResult =
  | { status: "fulfilled"; purchaseId: string; credits: number; balance: number; inviteRewarded: boolean }
  | { status: "duplicate"; purchaseId: string };

/** Thrown inside the transaction to roll it back when the session is not ours to fulfil now. */
class NotClaimed extends Error {}

export async function fulfilPurchase(input: FulfilPurchaseInput): Promise<FulfilPurchaseResult> {
  const pkg = findPackage(input.packageId);
  if (!pkg)
    throw new AppError("invalid_request", `Unknown package "${input.packageId}".`, { param: "package" });
  if (!Number.isInteger(input.amountCents) || input.amountCents < 0) {
    throw new AppError("invalid_request", "amountCents must be a non-negative integer.", {
      param: "amountCents",
    });
  }
  if (!input.sessionId)
    throw new AppError("invalid_request", "sessionId is required.", { param: "sessionId" });
  const currency = input.currency.toLowerCase();
  if (input.amountCents !== pkg.priceCents || currency !== PACKAGE_CURRENCY) {
    throw new AppError("invalid_request", "The amount paid is not the package's price.", {
      param: "amountCents",
    });
  }

  const now = input.now ?? new Date();
  try {
    return await db().$transaction(async (tx) => {
      // Claim our pending row with a write first (on SQLite this takes the write lock at once; on
      // PostgreSQL a concurrent claim waits for this one and then no longer matches).
      const claimed = await tx.purchase.updateMany({
        where: {
          providerSessionId: input.sessionId,
          provider: input.provider,
          userId: input.userId,
          packageId: pkg.id,
          status: { not: "paid" },
        },
        data: { amountCents: input.amountCents, currency, status: "paid", fulfilledAt: now },
      });
      if (claimed.count !== 1) throw new NotClaimed();
      const purchase = await tx.purchase.findUniqueOrThrow({
        where: { providerSessionId: input.sessionId },
        select: { id: true },
      });

      const grant = await grantCredits({
        tx,
        userId: input.userId,
        amount: pkg.credits,
        source: "purchase",
        idempotencyKey: `purchase:${input.sessionId}`,
        expiresAt: packageExpiry(pkg, now),
        purchaseId: purchase.id,
        reference: input.sessionId,
        note: `${pkg.name} package`,
      });
      // The claim above makes a second grant for a session impossible; if the ledger holds one
      // anyway, fail loudly rather than call it paid.
      if (!grant.granted || grant.balance === undefined)
        throw new Error(`the ledger already holds purchase:${input.sessionId}`);
      await tx.purchase.update({ where: { id: purchase.id }, data: { grantId: grant.grantId } });
      const inviteRewarded = await payInviteReward(tx, input.userId, now);
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
      where: { providerSessionId: input.sessionId },
      select: { id: true, status: true, userId: true, provider: true },
    });
    if (
      existing?.status === "paid" &&
      existing.userId === input.userId &&
      existing.provider === input.provider
    )
      return { status: "duplicate", purchaseId: existing.id };
    if (error instanceof NotClaimed)
      throw new AppError("not_found", "No pending checkout session of this deployment matches.");
    throw error;
  }
}

/**
 * The inviter's 500 credits when the invitee's first purchase is paid. "Once ever" is the unique
 * [inviteeId, kind] row: the insert does nothing when it exists (concurrent first purchases on
 * PostgreSQL both see a count of 1; only one insert lands), and the grant's key is per invitee.
 */
async function payInviteReward(tx: Tx, inviteeId: string, now: Date): Promise<boolean> {
  const invitee = await tx.user.findUniqueOrThrow({
    where: { id: inviteeId },
    select: { invitedById: true },
  });
  const inviterId = invitee.invitedById;
  if (!inviterId) return false;
  const paid = await tx.purchase.count({ where: { userId: inviteeId, status: "paid" } });
  if (paid !== 1) return false;
  const inserted = await tx.$executeRaw`
    INSERT INTO "InviteReward" ("id", "inviterId", "inviteeId", "kind", "credits", "createdAt")
    VALUES (${randomUUID()}, ${inviterId}, ${inviteeId}, 'first_purchase', ${INVITE_PURCHASE_REWARD}, ${now})
    ON CONFLICT ("inviteeId", "kind") DO NOTHING`;
  if (inserted === 0) return false;
  const reward = await grantCredits({
    tx,
    userId: inviterId,
    amount: INVITE_PURCHASE_REWARD,
    source: "invite_purchase",
    idempotencyKey: `invite_purchase:${inviteeId}`,
    reference: inviteeId,
    note: "Invite reward: first purchase",
  });
  return reward.granted;
}
