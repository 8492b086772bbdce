import "server-only";
import { randomUUID } from "node:crypto";
import { findPackage, packageExpiry } from "@/lib/billing/packages";
import { grantCredits, isUniqueViolation } from "@/lib/data/credits";
import { type Db, db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Fulfilment: the ONE place a paid checkout turns into credits, for Stripe's webhook and for
// test mode alike. Exactly once per checkout session, by unique constraints rather than a
// check-then-insert: Purchase.providerSessionId and the ledger's idempotency key
// `purchase:<sessionId>`. Whatever loses that race rolls back and reports a duplicate; any other
// failure propagates, so the caller answers 5xx and Stripe retries.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const INVITE_PURCHASE_REWARD = 500;

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

/** Thrown inside the transaction to roll it back when the ledger already holds this session. */
class AlreadyGranted extends Error {}

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
  const buyer = await db().user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!buyer) throw new AppError("not_found", "The purchasing user does not exist.");

  const now = input.now ?? new Date();
  const sale = {
    packageId: pkg.id,
    credits: pkg.credits,
    amountCents: input.amountCents,
    currency: input.currency.toLowerCase(),
  };
  try {
    return await db().$transaction(async (tx) => {
      // Claim the session with a write first (on SQLite this takes the write lock at once): a row
      // made at checkout turns paid; otherwise a paid row is inserted, and a second delivery's
      // insert fails on the unique session id.
      const claimed = await tx.purchase.updateMany({
        where: {
          providerSessionId: input.sessionId,
          provider: input.provider,
          userId: input.userId,
          status: { not: "paid" },
        },
        data: { ...sale, status: "paid", fulfilledAt: now },
      });
      const purchase =
        claimed.count === 1
          ? await tx.purchase.findUniqueOrThrow({
              where: { providerSessionId: input.sessionId },
              select: { id: true },
            })
          : await tx.purchase.create({
              data: {
                ...sale,
                userId: input.userId,
                status: "paid",
                provider: input.provider,
                providerSessionId: input.sessionId,
                fulfilledAt: now,
              },
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
      if (!grant.granted || grant.balance === undefined) throw new AlreadyGranted();
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
    if (error instanceof AlreadyGranted || isUniqueViolation(error)) {
      // Only a session that really is paid counts as a duplicate; anything else is a failure.
      const existing = await db().purchase.findUnique({
        where: { providerSessionId: input.sessionId },
        select: { id: true, status: true, userId: true },
      });
      if (existing?.status === "paid" && existing.userId === input.userId)
        return { status: "duplicate", purchaseId: existing.id };
    }
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
