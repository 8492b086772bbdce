import "server-only";
import { findUserByEmail, isAccountLinked } from "@/lib/data/users";
import { consumeSignup } from "@/lib/ip-limits";

/**
 * Before Auth.js completes a GitHub/Google sign-in: when it is about to create an account, count
 * it against the client address's sign-up limit like a sign-up with a password. Returns seconds
 * to wait when that limit is used up, else 0. A linked account, or an email that already has an
 * account (Auth.js refuses to link it), creates nothing and is not counted.
 */
export async function oauthSignUpWait({
  provider,
  providerAccountId,
  email,
  ip,
}: {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  ip: string;
}): Promise<number> {
  if (await isAccountLinked({ provider, providerAccountId })) return 0;
  if (email && (await findUserByEmail(email))) return 0;
  return consumeSignup(ip);
}
