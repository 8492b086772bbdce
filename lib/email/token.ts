import { createHash, randomBytes } from "node:crypto";

// Tokens for links sent by email. The link carries 32 random bytes; the database keeps only
// their SHA-256, so a copy of the database opens no account. A token works once and only until
// it expires.

export type EmailTokenPurpose = "password_reset" | "verify_email";

/** How long a link works: a reset is a key to the account, so it lives briefly. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  password_reset: 30 * 60 * 1000,
  verify_email: 48 * 60 * 60 * 1000,
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function hashEmailToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token for a link, and the hash to store. */
export function newEmailToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashEmailToken(token) };
}

/** False for anything that cannot be one of our tokens (checked before a database lookup). */
export function isEmailTokenShape(token: unknown): token is string {
  return typeof token === "string" && TOKEN_SHAPE.test(token);
}

export type EmailTokenState = "valid" | "used" | "expired" | "unknown";

/** What a stored token is worth at `now`. */
export function emailTokenState(
  row: { expiresAt: Date; usedAt: Date | null } | null,
  now: Date = new Date(),
): EmailTokenState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt > now ? "valid" : "expired";
}

/** What a page says about a link that no longer works. */
export const TOKEN_PROBLEMS: Record<EmailTokenPurpose, Record<Exclude<EmailTokenState, "valid">, string>> = {
  password_reset: {
    used: "This reset link has been used already. Ask for a new one if you still need it.",
    expired: "This reset link has expired. Ask for a new one: each works for 30 minutes.",
    unknown: "This reset link is not valid. Check that you copied all of it, or ask for a new one.",
  },
  verify_email: {
    used: "This link has been used already: your address is confirmed.",
    expired: "This confirmation link has expired. Sign in and ask for a new one.",
    unknown: "This confirmation link is not valid. Check that you copied all of it.",
  },
};
