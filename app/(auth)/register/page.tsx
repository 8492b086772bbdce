import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { RegisterForm } from "@/components/auth/register-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser, oauthProviders } from "@/lib/auth";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";
import { inviteCodeExists } from "@/lib/data/invites";
import { emailDelivery } from "@/lib/email/send";
import { safeNextPath } from "@/lib/safe-next-path";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getSessionUser()) redirect(next);
  const invite = typeof params.invite === "string" ? params.invite.trim().slice(0, 32).toUpperCase() : "";
  // An unknown code is said to be unknown now, not silently dropped at sign-up.
  const inviteValid = invite === "" || (await inviteCodeExists(invite));

  return (
    <Card>
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription>
          {SIGNUP_CREDITS} free credits to start{emailDelivery() ? " once you confirm your email" : ""} — one
          credit is one request.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <OAuthButtons providers={oauthProviders()} next={next} invite={inviteValid ? invite : ""} />
        <RegisterForm next={next} invite={invite} inviteValid={inviteValid} />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            href={`/login${next !== "/playground" ? `?next=${encodeURIComponent(next)}` : ""}`}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
