import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { INVITE_SIGNUP_REWARD, SIGNUP_CREDITS } from "@/lib/billing/policy";
import { expireGrants, grantCredits, isUniqueViolation } from "@/lib/data/credits";
import { type Db, db } from "@/lib/db";
import { withDbRetry } from "@/lib/db/retry";
import { AppError } from "@/lib/errors";
import { sameMailbox } from "@/lib/mailbox";
import { passwordProblem } from "@/lib/password-policy";

const BCRYPT_COST = 10;

const INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no look-alikes

function newInviteCode(): string {
  return Array.from(randomBytes(8), (b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join("");
}

export function normaliseEmail(email: string): string {
  return email.replaceAll("\u0000", "").trim().toLowerCase();
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Throws invalid_request (param "password") when a new password breaks the policy. */
export function assertAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError("invalid_request", problem, { param: "password" });
}

/**
 * Sets a user's password and ends every session they have, in one transaction: whoever held a
 * session cookie must sign in again with the new password.
 */
export async function setPassword({ userId, password }: { userId: string; password: string }) {
  assertAcceptablePassword(password);
  const passwordHash = await hashPassword(password);
  const [, ended] = await withDbRetry(() =>
    db().$transaction([
      db().user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
      db().authSession.deleteMany({ where: { userId } }),
    ]),
  );
  return { sessionsEnded: ended.count };
}

export interface CreateUserInput {
  email: string;
  password?: string | null;
  name?: string | null;
  /** The inviter's code; unknown codes are ignored, not an error. */
  inviteCode?: string | null;
  /** Replaces the sign-up grant (operators' CLI); 0 grants nothing. */
  signupCredits?: number;
  /**
   * The address is still to be confirmed (sign-up with email delivery on): the sign-up grant and
   * the inviter's reward wait for grantSignupCredits, which the confirmation link calls.
   */
  awaitVerification?: boolean;
}

/**
 * Creates a user with their sign-up grant, and rewards the inviter once (the reward is unique per
 * invitee, so concurrent or repeated sign-ups cannot pay twice). Throws conflict on a taken email.
 */
export async function createUser(input: CreateUserInput) {
  const email = normaliseEmail(input.email);
  if (input.password != null) assertAcceptablePassword(input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const inviter = input.inviteCode
    ? await db().user.findUnique({
        where: { inviteCode: input.inviteCode.trim().toUpperCase() },
        select: { id: true, email: true },
      })
    : null;
  const signupCredits = input.signupCredits ?? SIGNUP_CREDITS;

  try {
    return await withDbRetry(() =>
      db().$transaction((tx) =>
        insertUser(tx, {
          email,
          name: input.name,
          passwordHash,
          inviter,
          signupCredits: input.awaitVerification ? 0 : signupCredits,
          rewardInviter: !input.awaitVerification,
        }),
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "An account with this email already exists.", { param: "email" });
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The user row, their sign-up grant and the inviter's reward: the transaction, nothing slow in it. */
async function insertUser(
  tx: Tx,
  input: {
    email: string;
    name?: string | null;
    passwordHash: string | null;
    inviter: { id: string; email: string } | null;
    signupCredits: number;
    rewardInviter: boolean;
  },
) {
  const { email, passwordHash, inviter, signupCredits } = input;
  const user = await tx.user.create({
    data: {
      email,
      name: input.name ?? null,
      passwordHash,
      inviteCode: newInviteCode(),
      // An alias of the inviter's own address (me+x@…) is the inviter: no reward.
      invitedById: inviter && !sameMailbox(inviter.email, email) ? inviter.id : null,
    },
    select: { id: true, email: true, inviteCode: true, invitedById: true, role: true, createdAt: true },
  });
  await grantSignupCredits(tx, {
    userId: user.id,
    signupCredits,
    inviterId: input.rewardInviter ? user.invitedById : null,
  });
  return user;
}

/**
 * The sign-up grant and the inviter's sign-up reward, inside the caller's transaction. At most once
 * per user, however often it is called: the ledger keys and the reward row are unique per invitee.
 */
export async function grantSignupCredits(
  tx: Tx,
  { userId, signupCredits, inviterId }: { userId: string; signupCredits: number; inviterId: string | null },
) {
  if (signupCredits > 0) {
    await grantCredits({
      tx,
      userId,
      amount: signupCredits,
      source: "signup",
      idempotencyKey: `signup:${userId}`,
    });
  }
  if (!inviterId) return;
  const rewarded = await tx.inviteReward.findUnique({
    where: { inviteeId_kind: { inviteeId: userId, kind: "signup" } },
    select: { id: true },
  });
  if (rewarded) return;
  await tx.inviteReward.create({
    data: { inviterId, inviteeId: userId, kind: "signup", credits: INVITE_SIGNUP_REWARD },
  });
  await grantCredits({
    tx,
    userId: inviterId,
    amount: INVITE_SIGNUP_REWARD,
    source: "invite_signup",
    idempotencyKey: `invite_signup:${userId}`,
    reference: userId,
  });
}

/**
 * Marks the user's address confirmed and, the first time only, grants what sign-up promised (the
 * conditional update is the "first time": a second confirmation matches no row).
 */
export async function markEmailVerified(tx: Tx, { userId, now }: { userId: string; now: Date }) {
  const { count } = await tx.user.updateMany({
    where: { id: userId, emailVerified: null },
    data: { emailVerified: now },
  });
  if (count === 0) return { granted: false };
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { invitedById: true } });
  await grantSignupCredits(tx, { userId, signupCredits: SIGNUP_CREDITS, inviterId: user.invitedById });
  return { granted: true };
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: normaliseEmail(email) } });
}

/** The user's balance and the time of their next grant expiry (the playground's chat starts from these). */
export async function getCreditState({ userId }: { userId: string }) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { balance: true, nextExpiryAt: true },
  });
}

/** The signed-in shell's header: id, email, name, spendable balance and invite code. */
export async function getAccountSummary({ userId }: { userId: string }) {
  const select = {
    id: true,
    email: true,
    name: true,
    balance: true,
    inviteCode: true,
    nextExpiryAt: true,
  } as const;
  let me = await db().user.findUniqueOrThrow({ where: { id: userId }, select });
  // Grants that expired since the last sweep must not show as spendable.
  if (me.nextExpiryAt && me.nextExpiryAt <= new Date()) {
    await expireGrants({ userId });
    me = await db().user.findUniqueOrThrow({ where: { id: userId }, select });
  }
  return { id: me.id, email: me.email, name: me.name, balance: me.balance, inviteCode: me.inviteCode };
}

/** The user's balance as it stands. */
export async function getBalance({ userId }: { userId: string }): Promise<number> {
  const { balance } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  return balance;
}

/** True when this GitHub/Google account is already linked to a user. */
export async function isAccountLinked({
  provider,
  providerAccountId,
}: {
  provider: string;
  providerAccountId: string;
}): Promise<boolean> {
  const linked = await db().account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { id: true },
  });
  return linked !== null;
}

/** The picture and verified email an OAuth provider reported, on a user just created for it. */
export async function setOAuthProfile({
  userId,
  image,
  emailVerified,
}: {
  userId: string;
  image: string | null;
  emailVerified: Date | null;
}) {
  return db().user.update({ where: { id: userId }, data: { image, emailVerified } });
}
