"use client";

import { MailCheckIcon } from "lucide-react";
import * as React from "react";
import { FormAlert } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/fetch-json";

export function ForgotPasswordForm() {
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<{ message: string; param: string | null } | null>(null);
  const [sent, setSent] = React.useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    try {
      const result = await fetchJson<{ message: string }>("/api/auth/password-reset", {
        method: "POST",
        body: { email },
      });
      setSent(result.message);
    } catch (err) {
      setError({
        message: err instanceof ApiError ? err.message : "Could not reach the server. Try again.",
        param: err instanceof ApiError ? err.param : null,
      });
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <div role="status" className="grid gap-3 text-center">
        <MailCheckIcon className="mx-auto size-8 text-brand" aria-hidden="true" />
        <p className="text-sm">{sent}</p>
        <p className="text-sm text-muted-foreground">No email after a few minutes? Check your spam folder.</p>
      </div>
    );
  }
  const emailError = error?.param === "email" ? error.message : null;
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      {error && !emailError ? <FormAlert message={error.message} /> : null}
      <Field id="email" label="Email" error={emailError}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          placeholder="you@example.com"
          autoFocus
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Send reset link
      </Button>
    </form>
  );
}
