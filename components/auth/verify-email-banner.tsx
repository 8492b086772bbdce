"use client";

import { MailWarningIcon } from "lucide-react";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { ApiError, fetchJson } from "@/lib/fetch-json";

/** Shown in the signed-in shell until the account's address is confirmed. */
export function VerifyEmailBanner({ email, credits }: { email: string; credits: number }) {
  const [pending, setPending] = React.useState(false);
  const [note, setNote] = React.useState<string | null>(null);

  async function resend() {
    setPending(true);
    try {
      const result = await fetchJson<{ alreadyVerified: boolean }>("/api/auth/verify-email/resend", {
        method: "POST",
      });
      setNote(
        result.alreadyVerified ? "Your address is confirmed already. Reload the page." : `Sent to ${email}.`,
      );
    } catch (err) {
      setNote(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <section
      aria-label="Confirm your email"
      className="border-b border-amber-500/30 bg-amber-500/10 px-4 py-2.5 text-sm sm:px-6"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2">
        <MailWarningIcon className="size-4 shrink-0 text-amber-700 dark:text-amber-300" aria-hidden="true" />
        <p className="min-w-0 flex-1 break-words">
          Confirm your email to get your {credits} free credits: open the link we sent to{" "}
          <span className="font-medium">{email}</span>.
        </p>
        <Button size="sm" variant="outline" onClick={resend} loading={pending}>
          Resend email
        </Button>
        {note ? (
          <p role="status" className="basis-full text-xs text-muted-foreground">
            {note}
          </p>
        ) : null}
      </div>
    </section>
  );
}
