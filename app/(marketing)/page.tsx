import {
  ArrowRightIcon,
  BrainIcon,
  CheckIcon,
  GaugeIcon,
  KeyRoundIcon,
  MessageSquareIcon,
  PlugZapIcon,
  ShieldCheckIcon,
} from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { quickstartExamples } from "@/components/marketing/code-examples";
import { CodeTabs } from "@/components/marketing/code-tabs";
import { ModelsTable } from "@/components/marketing/models-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FEATURED_PACKAGE, formatCents } from "@/lib/billing/packages";
import { PACKAGES, SIGNUP_CREDITS } from "@/lib/billing/policy";
import { formatNumber } from "@/lib/format";
import { publicModels } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";
import { requestOrigin } from "@/lib/request-origin";

export const metadata: Metadata = {
  title: { absolute: "Kimi Playground — Kimi K2 API, OpenAI- and Anthropic-compatible" },
};

export const dynamic = "force-dynamic";

const FEATURES = [
  {
    icon: PlugZapIcon,
    title: "Drop-in for your SDK",
    text: "OpenAI Chat Completions and Anthropic Messages formats. Change the base URL and the model name; keep your code.",
  },
  {
    icon: BrainIcon,
    title: "Thinking models included",
    text: "kimi-k2-thinking streams its reasoning as reasoning_content, and tool-call histories are repaired for you.",
  },
  {
    icon: GaugeIcon,
    title: "Streaming, tools, JSON mode",
    text: "Server-sent events, function calling with up to 128 tools, JSON output, stop sequences and seeds.",
  },
  {
    icon: ShieldCheckIcon,
    title: "Pay per request, never for errors",
    text: "One credit per successful request. Failed, rate-limited and timed-out requests are free.",
  },
  {
    icon: MessageSquareIcon,
    title: "A playground to try it",
    text: "Chat with every model, tune parameters, compare two models side by side and export the code.",
  },
  {
    icon: KeyRoundIcon,
    title: "Keys you control",
    text: "Named keys with expiry and per-key usage, revoked the moment you say so.",
  },
];

export default async function HomePage() {
  const origin = requestOrigin(await headers());
  const models = publicModels(enabledProviders());

  return (
    <>
      <section className="relative overflow-hidden border-b">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 -z-10 bg-[radial-gradient(60rem_30rem_at_20%_-10%,color-mix(in_oklch,var(--brand)_16%,transparent),transparent)]"
        />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-[1.05fr_1fr]">
          <div className="grid gap-6">
            <Badge variant="brand" className="rounded-full px-3 py-1">
              OpenAI- and Anthropic-compatible
            </Badge>
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
              Kimi K2, behind the SDKs you already use
            </h1>
            <p className="max-w-xl text-lg text-muted-foreground text-pretty">
              One API key for the whole Kimi K2 family — including the thinking models with 256K context.
              Point your OpenAI or Anthropic client at us and ship.
            </p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg" variant="brand">
                <Link href="/register">
                  Get {SIGNUP_CREDITS} free credits <ArrowRightIcon aria-hidden="true" />
                </Link>
              </Button>
              <Button asChild size="lg" variant="outline">
                <Link href="/docs">Read the docs</Link>
              </Button>
            </div>
            <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-muted-foreground">
              {["No card needed", "1 credit = 1 request", "Streaming & tools"].map((t) => (
                <li key={t} className="flex items-center gap-1.5">
                  <CheckIcon className="size-4 text-success" aria-hidden="true" /> {t}
                </li>
              ))}
            </ul>
          </div>
          <Card className="min-w-0 p-4 shadow-lg sm:p-5">
            <p className="mb-3 text-sm font-medium">Your first request</p>
            <CodeTabs examples={quickstartExamples(origin)} label="Quick start language" />
          </Card>
        </div>
      </section>

      <section aria-labelledby="features-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
        <h2 id="features-heading" className="sr-only">
          Features
        </h2>
        <div className="grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((f) => (
            <div key={f.title} className="grid content-start gap-2">
              <div className="mb-1 flex size-10 items-center justify-center rounded-lg border bg-card shadow-xs">
                <f.icon className="size-5 text-brand" aria-hidden="true" />
              </div>
              <h3 className="font-semibold">{f.title}</h3>
              <p className="text-sm leading-relaxed text-muted-foreground">{f.text}</p>
            </div>
          ))}
        </div>
      </section>

      <section id="models" aria-labelledby="models-heading" className="scroll-mt-16 border-y bg-muted/30">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
          <div className="mb-8 grid gap-2">
            <h2 id="models-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
              The models
            </h2>
            <p className="max-w-2xl text-muted-foreground">
              Every Kimi K2 variant under one key. Use the id in the{" "}
              <code className="font-mono text-sm">model</code> field of any request.
            </p>
          </div>
          <Card className="overflow-hidden">
            <ModelsTable models={models} />
          </Card>
        </div>
      </section>

      <section aria-labelledby="pricing-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
        <div className="mb-8 grid gap-2">
          <h2 id="pricing-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            Simple pricing
          </h2>
          <p className="max-w-2xl text-muted-foreground">
            Buy credits, spend one per successful request — whatever the model, however long the answer. Start
            with {SIGNUP_CREDITS} free.
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Card>
            <CardHeader>
              <CardTitle>Free</CardTitle>
              <CardDescription>When you sign up</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-1">
              <p className="text-3xl font-semibold tracking-tight">$0</p>
              <p className="text-sm text-muted-foreground">{SIGNUP_CREDITS} credits, no expiry</p>
            </CardContent>
          </Card>
          {PACKAGES.map((p) => (
            <Card
              key={p.id}
              className={p.id === FEATURED_PACKAGE.id ? "border-brand/50 ring-1 ring-brand/30" : undefined}
            >
              <CardHeader>
                <CardTitle className="flex items-center justify-between gap-2">
                  {p.name}
                  {p.id === FEATURED_PACKAGE.id ? (
                    <Badge variant="brand">{FEATURED_PACKAGE.label}</Badge>
                  ) : null}
                </CardTitle>
                <CardDescription>{p.description}</CardDescription>
              </CardHeader>
              <CardContent className="grid gap-1">
                <p className="text-3xl font-semibold tracking-tight">{formatCents(p.priceCents)}</p>
                <p className="text-sm text-muted-foreground">
                  {formatNumber(p.credits)} credits ·{" "}
                  {p.validityMonths === null
                    ? "no expiry"
                    : `valid ${p.validityMonths} month${p.validityMonths > 1 ? "s" : ""}`}
                </p>
              </CardContent>
            </Card>
          ))}
        </div>
        <p className="mt-6 text-sm text-muted-foreground">
          Need more? Enterprise plans with custom volumes are on the{" "}
          <Link href="/pricing" className="font-medium text-foreground underline underline-offset-4">
            pricing page
          </Link>
          .
        </p>
      </section>

      <section className="border-t">
        <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 px-4 py-16 sm:px-6 md:flex-row md:items-center md:justify-between">
          <div className="grid gap-2">
            <h2 className="text-2xl font-semibold tracking-tight">Try Kimi K2 in two minutes</h2>
            <p className="text-muted-foreground">
              Create an account, make a key, paste the example. {SIGNUP_CREDITS} credits are on us.
            </p>
          </div>
          <div className="flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
            <Button asChild size="lg">
              <Link href="/register">Create free account</Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/playground">Open playground</Link>
            </Button>
          </div>
        </div>
      </section>
    </>
  );
}
