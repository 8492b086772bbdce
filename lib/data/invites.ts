import "server-only";
import { randomUUID } from "node:crypto";
import { grantCredits } from "@/lib/data/credits";
import { db, type Tx } from "@/lib/db";
import { maskEmail } from "@/lib/mask-email";

// What an inviter may see about the people they invited: masked emails, when they joined, and
// the rewards each one earned the inviter. Never another user's id or full address.

export interface InviteeSummary {
  email: string;
  joinedAt: Date;
  /** Credits this invitee has earned the inviter so far (INVITE_SIGNUP_REWARD at sign-up, INVITE_PURCHASE_REWARD at the first purchase; lib/billing/policy.ts). */
  creditsEarned: number;
  purchased: boolean;
}

export async function getInviteSummary({ userId }: { userId: string }) {
  const [user, invitees, rewards] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: userId }, select: { inviteCode: true } }),
    db().user.findMany({
      where: { invitedById: userId },
      orderBy: { createdAt: "desc" },
      take: 500,
      select: { id: true, email: true, createdAt: true },
    }),
    db().inviteReward.findMany({
      where: { inviterId: userId },
      select: { inviteeId: true, kind: true, credits: true },
    }),
  ]);
  const byInvitee = new Map<string, { credits: number; purchased: boolean }>();
  let creditsEarned = 0;
  for (const r of rewards) {
    const entry = byInvitee.get(r.inviteeId) ?? { credits: 0, purchased: false };
    entry.credits += r.credits;
    if (r.kind === "first_purchase") entry.purchased = true;
    byInvitee.set(r.inviteeId, entry);
    creditsEarned += r.credits;
  }
  return {
    code: user.inviteCode,
    creditsEarned,
    invitees: invitees.map(
      (i): InviteeSummary => ({
        email: maskEmail(i.email),
        joinedAt: i.createdAt,
        creditsEarned: byInvitee.get(i.id)?.credits ?? 0,
        purchased: byInvitee.get(i.id)?.purchased ?? false,
      }),
    ),
  };
}

/**
 * The inviter's reward when the invitee's first purchase is paid, inside that purchase's
 * transaction. "Once ever" is the unique [inviteeId, kind] row: the insert does nothing when it
 * exists (concurrent first purchases on PostgreSQL both see a count of 1; only one insert lands),
 * and the grant's key is per invitee.
 */
export async function payFirstPurchaseReward({
  tx,
  inviteeId,
  credits,
  now,
}: {
  tx: Tx;
  inviteeId: string;
  credits: number;
  now: Date;
}): Promise<boolean> {
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
    VALUES (${randomUUID()}, ${inviterId}, ${inviteeId}, 'first_purchase', ${credits}, ${now})
    ON CONFLICT ("inviteeId", "kind") DO NOTHING`;
  if (inserted === 0) return false;
  const reward = await grantCredits({
    tx,
    userId: inviterId,
    amount: credits,
    source: "invite_purchase",
    idempotencyKey: `invite_purchase:${inviteeId}`,
    reference: inviteeId,
    note: "Invite reward: first purchase",
  });
  return reward.granted;
}

/** Whether an invite code belongs to an account (the sign-up page says so before anyone relies on it). */
export async function inviteCodeExists(code: string): Promise<boolean> {
  const user = await db().user.findUnique({
    where: { inviteCode: code.trim().toUpperCase() },
    select: { id: true },
  });
  return user !== null;
}
