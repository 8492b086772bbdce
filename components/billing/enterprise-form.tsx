"use client";

import { CheckCircle2Icon } from "lucide-react";
import * as React from "react";
import { FormAlert } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { enterpriseInquirySchema } from "@/lib/billing/enterprise";
import { ApiError, fetchJson } from "@/lib/fetch-json";

type FieldName = "name" | "email" | "company" | "message";

/** The Enterprise contact form; saved to the database by POST /api/enterprise. */
export function EnterpriseForm({ defaultEmail }: { defaultEmail?: string }) {
  const [errors, setErrors] = React.useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const [sent, setSent] = React.useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<FieldName, string>;
    const parsed = enterpriseInquirySchema.safeParse(data);
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as FieldName;
        next[key] ??= issue.message;
      }
      setErrors(next);
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await fetchJson("/api/enterprise", { method: "POST", body: data });
      setSent(true);
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.param &&
        ["name", "email", "company", "message"].includes(error.param)
      ) {
        setErrors({ [error.param]: error.message });
      } else {
        setFormError(error instanceof Error ? error.message : "Could not send. Try again.");
      }
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <div
        role="status"
        className="flex items-start gap-3 rounded-lg border border-success/30 bg-success/8 p-4 text-sm"
      >
        <CheckCircle2Icon className="mt-0.5 size-5 shrink-0 text-success" aria-hidden="true" />
        <div className="grid gap-1">
          <p className="font-medium">Thanks — we received your message.</p>
          <p className="text-muted-foreground">
            We will reply to the email address you gave within one business day.
          </p>
        </div>
      </div>
    );
  }

  const describedBy = (name: FieldName) => (errors[name] ? `enterprise-${name}-error` : undefined);
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="Enterprise contact form">
      {formError ? <FormAlert message={formError} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="enterprise-name" label="Name" error={errors.name}>
          <Input
            id="enterprise-name"
            name="name"
            autoComplete="name"
            maxLength={120}
            required
            aria-invalid={Boolean(errors.name)}
            aria-describedby={describedBy("name")}
          />
        </Field>
        <Field id="enterprise-email" label="Work email" error={errors.email}>
          <Input
            id="enterprise-email"
            name="email"
            type="email"
            autoComplete="email"
            maxLength={320}
            required
            defaultValue={defaultEmail}
            aria-invalid={Boolean(errors.email)}
            aria-describedby={describedBy("email")}
          />
        </Field>
      </div>
      <Field id="enterprise-company" label="Company (optional)" error={errors.company}>
        <Input
          id="enterprise-company"
          name="company"
          autoComplete="organization"
          maxLength={200}
          aria-invalid={Boolean(errors.company)}
          aria-describedby={describedBy("company")}
        />
      </Field>
      <Field
        id="enterprise-message"
        label="What do you need?"
        error={errors.message}
        hint="Expected volume, models, billing or support needs."
      >
        <Textarea
          id="enterprise-message"
          name="message"
          rows={4}
          maxLength={5000}
          required
          aria-invalid={Boolean(errors.message)}
          aria-describedby={errors.message ? "enterprise-message-error" : "enterprise-message-hint"}
        />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          Contact sales
        </Button>
      </div>
    </form>
  );
}
