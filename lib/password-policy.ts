import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from "@/lib/password-rules";

export const TOO_SHORT = `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
export const TOO_LONG = `Password must be at most ${MAX_PASSWORD_BYTES} bytes.`;
export const TOO_COMMON = "This password is one of the most common ones. Choose a less guessable one.";

let common: Set<string> | undefined;

// ~49k leaked passwords shipped by zxcvbn-ts; only those long enough to pass the length rule
// need keeping, built once on first use.
function commonPasswords(): Set<string> {
  common ??= new Set(
    dictionary["passwords-common"].filter((p) => p.length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()),
  );
  return common;
}

/** Why a new password is refused, or null when it is acceptable. Existing ones are not rechecked. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return TOO_SHORT;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return TOO_LONG;
  if (commonPasswords().has(password.toLowerCase())) return TOO_COMMON;
  return null;
}
