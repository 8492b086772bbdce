"use client";

import { CircleCheckIcon } from "lucide-react";
import Link from "next/link";
import * as React from "react";
import { FormAlert } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/fetch-json";
import { MIN_PASSWORD_LENGTH, PASSWORD_HINT } from "@/lib/password-rules";

export function ResetPasswordForm({ token }: { token: string }) {
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<{ message: string; param: string | null } | null>(null);
  const [done, setDone] = React.useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError({ message: "The two passwords do not match.", param: "confirm" });
      return;
    }
    setPending(true);
    setError(null);
    try {
      await fetchJson("/api/auth/password-reset/confirm", { method: "POST", body: { token, password } });
      setDone(true);
    } catch (err) {
      setError({
        message: err instanceof ApiError ? err.message : "Could not reach the server. Try again.",
        param: err instanceof ApiError ? err.param : null,
      });
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div role="status" className="grid gap-4 text-center">
        <CircleCheckIcon className="mx-auto size-8 text-brand" aria-hidden="true" />
        <p className="text-sm">
          Your password is changed, and every device that was signed in is signed out.
        </p>
        <Button asChild className="w-full">
          <Link href="/login">Sign in</Link>
        </Button>
      </div>
    );
  }
  const fieldError = (name: string) => (error?.param === name ? error.message : null);
  const formError = error && !["password", "confirm"].includes(error.param ?? "") ? error.message : null;
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      {formError ? <FormAlert message={formError} /> : null}
      <Field id="password" label="New password" hint={PASSWORD_HINT} error={fieldError("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          autoFocus
          aria-invalid={fieldError("password") ? true : undefined}
          aria-describedby={fieldError("password") ? "password-error" : "password-hint"}
        />
      </Field>
      <Field id="confirm" label="Repeat the new password" error={fieldError("confirm")}>
        <Input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={fieldError("confirm") ? true : undefined}
          aria-describedby={fieldError("confirm") ? "confirm-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Set new password
      </Button>
    </form>
  );
}
