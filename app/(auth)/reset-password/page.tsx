import type { Metadata } from "next";
import Link from "next/link";
import { FormAlert } from "@/components/auth/login-form";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { findEmailTokenState } from "@/lib/data/email-tokens";
import { TOKEN_PROBLEMS } from "@/lib/email/token";

// The token is in the address: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = await searchParams;
  const state = await findEmailTokenState({ token, purpose: "password_reset" });
  return (
    <Card>
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Choose a new password</CardTitle>
        {state === "valid" ? (
          <CardDescription>Every device signed in to your account will be signed out.</CardDescription>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-5">
        {state === "valid" && typeof token === "string" ? (
          <ResetPasswordForm token={token} />
        ) : (
          <>
            <FormAlert message={TOKEN_PROBLEMS.password_reset[state === "valid" ? "unknown" : state]} />
            <Button asChild className="w-full">
              <Link href="/forgot-password">Send a new link</Link>
            </Button>
          </>
        )}
        <p className="text-center text-sm text-muted-foreground">
          <Link href="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
