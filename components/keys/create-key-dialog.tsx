"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, TriangleAlertIcon } from "lucide-react";
import * as React from "react";
import { toast } from "sonner";
import { type CreatedApiKey, KEYS_QUERY_KEY } from "@/components/keys/types";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError, fetchJson } from "@/lib/fetch-json";
import { formatDate } from "@/lib/format";

const EXPIRY_OPTIONS = [
  { value: "never", label: "Never" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "custom", label: "Custom date…" },
] as const;

type ExpiryChoice = (typeof EXPIRY_OPTIONS)[number]["value"];

function expiryFrom(choice: ExpiryChoice, customDate: string): string | null {
  if (choice === "never") return null;
  if (choice === "custom") {
    if (!customDate) return null;
    // The end of the chosen day, in the person's own time zone.
    return new Date(`${customDate}T23:59:59`).toISOString();
  }
  return new Date(Date.now() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 60 * 60 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function NewKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = React.useState("");
  const [expiry, setExpiry] = React.useState<ExpiryChoice>("never");
  const [customDate, setCustomDate] = React.useState("");
  const [error, setError] = React.useState<{ message: string; param: string | null } | null>(null);

  const create = useMutation({
    mutationFn: (body: { name: string; expiresAt: string | null }) =>
      fetchJson<CreatedApiKey>("/api/keys", { method: "POST", body }),
    onSuccess: (key) => {
      queryClient.invalidateQueries({ queryKey: KEYS_QUERY_KEY });
      onCreated(key);
    },
    onError: (err) =>
      setError({
        message: err instanceof ApiError ? err.message : "Could not create the key. Try again.",
        param: err instanceof ApiError ? err.param : null,
      }),
  });

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    if (expiry === "custom" && !customDate) {
      setError({ message: "Pick the day the key should stop working.", param: "expiresAt" });
      return;
    }
    create.mutate({ name, expiresAt: expiryFrom(expiry, customDate) });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          Use it as a Bearer token (OpenAI SDKs) or in X-API-Key (Anthropic SDKs).
        </DialogDescription>
      </DialogHeader>
      <Field
        id="key-name"
        label="Name"
        hint="Something to recognise it by, e.g. “laptop” or “production”."
        error={error?.param === "name" ? error.message : null}
      >
        <Input
          id="key-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={64}
          required
          autoComplete="off"
          placeholder="My app"
          aria-invalid={error?.param === "name" || undefined}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="key-expiry" label="Expiry">
          <Select value={expiry} onValueChange={(v) => setExpiry(v as ExpiryChoice)}>
            <SelectTrigger id="key-expiry">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPIRY_OPTIONS.map((o) => (
                <SelectItem key={o.value} value={o.value}>
                  {o.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        {expiry === "custom" ? (
          <Field
            id="key-expiry-date"
            label="Expiry date"
            error={error?.param === "expiresAt" ? error.message : null}
          >
            <Input
              id="key-expiry-date"
              type="date"
              min={tomorrow()}
              value={customDate}
              onChange={(e) => setCustomDate(e.target.value)}
              required
            />
          </Field>
        ) : null}
      </div>
      {error && error.param !== "name" && !(error.param === "expiresAt" && expiry === "custom") ? (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {error.message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" loading={create.isPending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}

function RevealKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [origin, setOrigin] = React.useState("");
  React.useEffect(() => setOrigin(window.location.origin), []);
  const curl = `curl ${origin}/api/v1/chat/completions \\
  -H "Authorization: Bearer ${created.key}" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "kimi-k2", "messages": [{"role": "user", "content": "Hello!"}]}'`;
  return (
    <div className="grid min-w-0 gap-5">
      <DialogHeader>
        <DialogTitle>Save your API key</DialogTitle>
        <DialogDescription>
          “{created.name}”
          {created.expiresAt ? `, valid until ${formatDate(created.expiresAt)}` : ", never expires"}.
        </DialogDescription>
      </DialogHeader>
      <div className="flex items-start gap-2.5 rounded-lg border border-warning/40 bg-warning/10 p-3 text-sm">
        <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
        <p>
          <strong className="font-semibold">You will not see this key again.</strong> Copy it now and store it
          somewhere safe. If you lose it, revoke it and create a new one.
        </p>
      </div>
      <Field id="new-api-key" label="API key">
        <div className="flex gap-2">
          <Input
            id="new-api-key"
            readOnly
            value={created.key}
            onFocus={(e) => e.currentTarget.select()}
            className="font-mono text-xs sm:text-sm"
            spellCheck={false}
          />
          <CopyButton
            value={created.key}
            label="Copy key"
            showText
            variant="default"
            size="default"
            toastMessage="Key copied"
          />
        </div>
      </Field>
      <div className="grid min-w-0 gap-2">
        <p className="text-sm font-medium">Try it</p>
        <CodeBlock code={curl} language="bash" copyLabel="Copy curl command" />
      </div>
      <DialogFooter>
        <Button variant="outline" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}

export function CreateKeyDialog({ disabled, trigger }: { disabled?: boolean; trigger?: React.ReactNode }) {
  const [open, setOpen] = React.useState(false);
  const [created, setCreated] = React.useState<CreatedApiKey | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    // The secret leaves memory with the dialog.
    if (!next) setCreated(null);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button disabled={disabled}>
            <PlusIcon aria-hidden="true" /> Create key
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-xl"
        // Keep the one-time key on screen until the person closes it on purpose.
        onInteractOutside={(e) => {
          if (created) e.preventDefault();
        }}
      >
        {created ? (
          <RevealKey created={created} onDone={() => onOpenChange(false)} />
        ) : (
          <NewKeyForm
            onCreated={(key) => {
              setCreated(key);
              toast.success(`Key “${key.name}” created`);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
