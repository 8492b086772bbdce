"use server";

import { cookies } from "next/headers";
import { CredentialsSignin } from "next-auth";
import { INVITE_COOKIE, signIn, signOut, TooManyAttempts, WRONG_CREDENTIALS } from "@/lib/auth";
import { safeNextPath } from "@/lib/safe-next-path";

export interface LoginState {
  error?: string;
  email?: string;
}

/** Email + password sign-in; on success Auth.js redirects (NEXT_REDIRECT propagates). */
export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  const redirectTo = safeNextPath(formData.get("next"));
  if (!email.trim() || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof TooManyAttempts) return { error: error.userMessage, email };
    if (error instanceof CredentialsSignin) return { error: WRONG_CREDENTIALS, email };
    throw error;
  }
  return {};
}

/** GitHub / Google: remembers the invite code for the account that the callback may create. */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = String(formData.get("provider") ?? "");
  if (provider !== "github" && provider !== "google") return;
  const invite = String(formData.get("invite") ?? "").trim();
  if (invite) {
    (await cookies()).set(INVITE_COOKIE, invite.slice(0, 32), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 15 * 60,
    });
  }
  await signIn(provider, { redirectTo: safeNextPath(formData.get("next")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
