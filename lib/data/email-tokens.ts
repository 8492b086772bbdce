import "server-only";
import { hashPassword, markEmailVerified, normaliseEmail } from "@/lib/data/users";
import { db, type Tx } from "@/lib/db";
import { withDbRetry } from "@/lib/db/retry";
import {
  EMAIL_TOKEN_TTL_MS,
  type EmailTokenPurpose,
  type EmailTokenState,
  emailTokenState,
  hashEmailToken,
  isEmailTokenShape,
  newEmailToken,
} from "@/lib/email/token";
import { AppError } from "@/lib/errors";
import { passwordProblem } from "@/lib/password-policy";

// Links sent by email (lib/email/token.ts): issued for a user and a purpose, claimed once by a
// conditional update, so two clicks racing each other cannot both succeed.

/** A new link token for the user (only its hash is stored); their spent and lapsed ones are cleared. */
export async function issueEmailToken({
  userId,
  purpose,
  now = new Date(),
}: {
  userId: string;
  purpose: EmailTokenPurpose;
  now?: Date;
}): Promise<string> {
  const { token, tokenHash } = newEmailToken();
  await db().$transaction([
    db().emailToken.deleteMany({
      where: { userId, purpose, OR: [{ usedAt: { not: null } }, { expiresAt: { lt: now } }] },
    }),
    db().emailToken.create({
      data: { userId, purpose, tokenHash, expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]) },
    }),
  ]);
  return token;
}

/** What a link's token is worth now, without spending it (the reset page checks before its form). */
export async function findEmailTokenState({
  token,
  purpose,
}: {
  token: unknown;
  purpose: EmailTokenPurpose;
}): Promise<EmailTokenState> {
  if (!isEmailTokenShape(token)) return "unknown";
  const row = await db().emailToken.findUnique({
    where: { tokenHash: hashEmailToken(token) },
    select: { purpose: true, expiresAt: true, usedAt: true },
  });
  return emailTokenState(row?.purpose === purpose ? row : null);
}

type Refusal = { status: Exclude<EmailTokenState, "valid"> };
type Claim = { status: "claimed"; userId: string } | Refusal;

/** Spends a valid token inside the caller's transaction; otherwise says why it is not valid. */
async function claimEmailToken(
  tx: Tx,
  { token, purpose, now }: { token: string; purpose: EmailTokenPurpose; now: Date },
): Promise<Claim> {
  const tokenHash = hashEmailToken(token);
  const { count } = await tx.emailToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await tx.emailToken.findUnique({
    where: { tokenHash },
    select: { userId: true, purpose: true, expiresAt: true, usedAt: true },
  });
  if (count === 1 && row) return { status: "claimed", userId: row.userId };
  const state = emailTokenState(row?.purpose === purpose ? row : null, now);
  return { status: state === "valid" ? "used" : state };
}

/**
 * Sets a new password through a reset link: the token is spent, the password replaced, the user's
 * other reset links voided, every session of theirs ended and the address counted as confirmed,
 * all in one transaction.
 */
export async function resetPasswordWithToken({
  token,
  password,
  now = new Date(),
}: {
  token: unknown;
  password: string;
  now?: Date;
}): Promise<Claim> {
  if (!isEmailTokenShape(token)) return { status: "unknown" };
  const problem = passwordProblem(password);
  if (problem) throw new AppError("invalid_request", problem, { param: "password" });
  const passwordHash = await hashPassword(password);
  return withDbRetry(() =>
    db().$transaction(async (tx) => {
      const claim = await claimEmailToken(tx, { token, purpose: "password_reset", now });
      if (claim.status !== "claimed") return claim;
      const { userId } = claim;
      await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
      await tx.authSession.deleteMany({ where: { userId } });
      await tx.emailToken.updateMany({
        where: { userId, purpose: "password_reset", usedAt: null },
        data: { usedAt: now },
      });
      // The link reached the address's owner: that confirms it, as a verification link would.
      await markEmailVerified(tx, { userId, now });
      return claim;
    }),
  );
}

/** Confirms an address through its link; the first confirmation grants the sign-up credits. */
export async function verifyEmailWithToken({
  token,
  now = new Date(),
}: {
  token: unknown;
  now?: Date;
}): Promise<Refusal | { status: "verified"; userId: string; granted: boolean }> {
  if (!isEmailTokenShape(token)) return { status: "unknown" };
  return withDbRetry(() =>
    db().$transaction(async (tx) => {
      const claim = await claimEmailToken(tx, { token, purpose: "verify_email", now });
      if (claim.status !== "claimed") return claim;
      const { granted } = await markEmailVerified(tx, { userId: claim.userId, now });
      return { status: "verified", userId: claim.userId, granted } as const;
    }),
  );
}

/** Who a reset or verification email goes to: a password account's id and address, or null. */
export async function findEmailRecipient({ email }: { email: string }) {
  return db().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, email: true, emailVerified: true, passwordHash: true },
  });
}

/** Whether the signed-in shell shows the "confirm your email" banner for this user. */
export async function isEmailVerified({ userId }: { userId: string }): Promise<boolean> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerified: true } });
  return user.emailVerified !== null;
}
