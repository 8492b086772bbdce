"use client";

import { GiftIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import * as React from "react";
import { FormAlert } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { INVITE_SIGNUP_REWARD } from "@/lib/billing/policy";
import { ApiError, fetchJson } from "@/lib/fetch-json";
import { MIN_PASSWORD_LENGTH, PASSWORD_HINT } from "@/lib/password-rules";
import { safeNextPath } from "@/lib/safe-next-path";

export function RegisterForm({
  next,
  invite,
  inviteValid = true,
}: {
  next: string;
  /** The code of the invite link followed, if any. */
  invite: string;
  /** False when that code belongs to no account. */
  inviteValid?: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<{ message: string; param: string | null } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await fetchJson<{ signedIn: boolean }>("/api/auth/register", {
        method: "POST",
        body: {
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          inviteCode: String(form.get("inviteCode") ?? ""),
        },
      });
      // The page checked `next` already; checked again here because this is where the browser goes.
      const target = safeNextPath(next);
      router.replace(result.signedIn ? target : `/login?next=${encodeURIComponent(target)}`);
      router.refresh();
    } catch (err) {
      setError({
        message: err instanceof ApiError ? err.message : "Could not reach the server. Try again.",
        param: err instanceof ApiError ? err.param : null,
      });
      setPending(false);
    }
  }

  const fieldError = (name: string) => (error?.param === name ? error.message : null);
  const formError =
    error && !["email", "password", "inviteCode"].includes(error.param ?? "") ? error.message : null;

  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      {formError ? <FormAlert message={formError} /> : null}
      {!inviteValid ? (
        <p role="note" className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
          The invite code <code className="font-mono break-all">{invite}</code> is not valid, so nobody earns
          credits from this sign-up. Check the link with the friend who sent it, or clear the code.
        </p>
      ) : null}
      <Field id="email" label="Email" error={fieldError("email")}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          placeholder="you@example.com"
          aria-invalid={fieldError("email") ? true : undefined}
          aria-describedby={fieldError("email") ? "email-error" : undefined}
        />
      </Field>
      <Field id="password" label="Password" hint={PASSWORD_HINT} error={fieldError("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          aria-invalid={fieldError("password") ? true : undefined}
          aria-describedby={fieldError("password") ? "password-error" : "password-hint"}
        />
      </Field>
      <Field
        id="inviteCode"
        label="Invite code (optional)"
        error={fieldError("inviteCode")}
        hint={
          invite && inviteValid
            ? `Your friend gets ${INVITE_SIGNUP_REWARD} credits when you join.`
            : undefined
        }
      >
        <div className="relative">
          <GiftIcon
            className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            id="inviteCode"
            name="inviteCode"
            defaultValue={invite}
            autoComplete="off"
            spellCheck={false}
            className="pl-9 font-mono uppercase"
            aria-invalid={inviteValid ? undefined : true}
            aria-describedby={invite && inviteValid ? "inviteCode-hint" : undefined}
          />
        </div>
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
