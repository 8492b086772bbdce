import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser, oauthProviders, SIGNUP_LIMIT_ERROR } from "@/lib/auth";
import { safeNextPath } from "@/lib/safe-next-path";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends OAuth failures back here as ?error=Type.
const OAUTH_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "This email already has an account. Sign in with your password.",
  AccessDenied: "Sign-in was cancelled or denied.",
  Configuration: "Sign-in is misconfigured on this server. Try email and password.",
  [SIGNUP_LIMIT_ERROR]:
    "Too many accounts have been created from your network in the last hour. Try again later, or sign in to an account you already have.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getSessionUser()) redirect(next);
  const errorType = typeof params.error === "string" ? params.error : undefined;
  const initialError = errorType ? (OAUTH_ERRORS[errorType] ?? "Sign-in failed. Try again.") : undefined;

  return (
    <Card>
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Welcome back</CardTitle>
        <CardDescription>Sign in to your Kimi Playground account</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <OAuthButtons providers={oauthProviders()} next={next} />
        <LoginForm next={next} initialError={initialError} />
        <p className="text-center text-sm text-muted-foreground">
          No account yet?{" "}
          <Link
            href={`/register${next !== "/playground" ? `?next=${encodeURIComponent(next)}` : ""}`}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Create one
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
