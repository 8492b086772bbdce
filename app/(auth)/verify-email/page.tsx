import { CircleCheckIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FormAlert } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";
import { verifyEmailWithToken } from "@/lib/data/email-tokens";
import { TOKEN_PROBLEMS } from "@/lib/email/token";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

// Opening the link confirms the address: it proves only that the link reached its inbox, which
// is all there is to prove, so a mail scanner that opens it first does no harm.
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = await searchParams;
  const result = await verifyEmailWithToken({ token });
  const confirmed = result.status === "verified" || result.status === "used";
  return (
    <Card>
      <CardHeader className="text-center">
        <CardTitle className="text-xl">{confirmed ? "Email confirmed" : "Confirmation failed"}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5">
        {result.status === "verified" ? (
          <div role="status" className="grid gap-3 text-center">
            <CircleCheckIcon className="mx-auto size-8 text-brand" aria-hidden="true" />
            <p className="text-sm">
              {result.granted
                ? `Thank you. Your ${formatNumber(SIGNUP_CREDITS)} free credits are in your account.`
                : "Thank you, your address is confirmed."}
            </p>
          </div>
        ) : result.status === "used" ? (
          <p role="status" className="text-center text-sm">
            {TOKEN_PROBLEMS.verify_email.used}
          </p>
        ) : (
          <FormAlert message={TOKEN_PROBLEMS.verify_email[result.status]} />
        )}
        <Button asChild className="w-full">
          <Link href="/playground">Open the playground</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
