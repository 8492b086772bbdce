import { CheckIcon, CircleSlashIcon, FlaskConicalIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CheckoutButton } from "@/components/billing/checkout-button";
import { EnterpriseForm } from "@/components/billing/enterprise-form";
import { PurchaseHistory } from "@/components/billing/purchase-history";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth";
import { FEATURED_PACKAGE, formatCents } from "@/lib/billing/packages";
import { PACKAGES, SIGNUP_CREDITS } from "@/lib/billing/policy";
import { listPurchases } from "@/lib/data/purchases";
import { env } from "@/lib/env";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = {
  title: "Pricing",
  description: "Credit packages for the Kimi K2 API: 1 credit = 1 request.",
};

export const dynamic = "force-dynamic";

const PAYMENTS_OFF_NOTICE = "payments-off-notice";

function perThousand(priceCents: number, credits: number): string {
  return formatCents(Math.round((priceCents * 1000) / credits));
}

export default async function PricingPage() {
  const user = await getSessionUser();
  const purchases = user ? await listPurchases({ userId: user.id }) : [];
  const mode = env().PAYMENT_MODE;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <div className="mb-10 grid gap-3 text-center">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Pricing</h1>
        <p className="mx-auto max-w-2xl text-muted-foreground">
          Pay as you go with credits: 1 credit = 1 successful request, on every model. Failed requests are
          never charged. New accounts start with {SIGNUP_CREDITS} free credits.
        </p>
        {mode === "test" ? (
          <p className="mx-auto flex items-center gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-1.5 text-sm text-warning">
            <FlaskConicalIcon className="size-4 shrink-0" aria-hidden="true" />
            Test mode: this deployment has no payment provider, so checkout takes no real payment.
          </p>
        ) : null}
        {mode === "off" ? (
          <p
            id={PAYMENTS_OFF_NOTICE}
            role="note"
            className="mx-auto flex items-center gap-2 rounded-md border bg-muted px-3 py-1.5 text-sm text-muted-foreground"
          >
            <CircleSlashIcon className="size-4 shrink-0" aria-hidden="true" />
            Payments are not configured on this deployment, so packages cannot be bought yet.
          </p>
        ) : null}
      </div>

      <section aria-labelledby="packages-heading" className="grid gap-6">
        <h2 id="packages-heading" className="sr-only">
          Packages
        </h2>
        <div className="grid gap-6 md:grid-cols-3">
          {PACKAGES.map((pkg) => (
            <Card
              key={pkg.id}
              role="group"
              aria-labelledby={`package-${pkg.id}`}
              className={pkg.id === FEATURED_PACKAGE.id ? "border-brand shadow-md" : undefined}
            >
              <CardHeader>
                <div className="flex items-center justify-between gap-2">
                  <CardTitle id={`package-${pkg.id}`} className="text-lg">
                    {pkg.name}
                  </CardTitle>
                  {pkg.id === FEATURED_PACKAGE.id ? (
                    <Badge variant="brand">{FEATURED_PACKAGE.label}</Badge>
                  ) : null}
                </div>
                <CardDescription>{pkg.description}</CardDescription>
              </CardHeader>
              <CardContent className="grid flex-1 content-start gap-4">
                <p>
                  <span className="text-4xl font-semibold tracking-tight tabular-nums">
                    {formatCents(pkg.priceCents)}
                  </span>
                  <span className="ml-1 text-sm text-muted-foreground">one-time</span>
                </p>
                <ul className="grid gap-2 text-sm">
                  <li className="flex items-center gap-2">
                    <CheckIcon className="size-4 text-success" aria-hidden="true" />
                    {formatNumber(pkg.credits)} credits
                  </li>
                  <li className="flex items-center gap-2">
                    <CheckIcon className="size-4 text-success" aria-hidden="true" />
                    {pkg.validityMonths === null
                      ? "Never expires"
                      : `Valid ${pkg.validityMonths} month${pkg.validityMonths === 1 ? "" : "s"} from purchase`}
                  </li>
                  <li className="flex items-center gap-2">
                    <CheckIcon className="size-4 text-success" aria-hidden="true" />
                    {perThousand(pkg.priceCents, pkg.credits)} per 1,000 requests
                  </li>
                </ul>
              </CardContent>
              <CardFooter className="border-t-0 pt-0">
                <CheckoutButton
                  packageId={pkg.id}
                  packageName={pkg.name}
                  signedIn={Boolean(user)}
                  featured={pkg.id === FEATURED_PACKAGE.id}
                  unavailableNoticeId={mode === "off" ? PAYMENTS_OFF_NOTICE : undefined}
                />
              </CardFooter>
            </Card>
          ))}
        </div>
        <p className="text-center text-xs text-muted-foreground">
          Prices in US dollars. Credits that expire are used first, so nothing you bought later is spent
          early.
        </p>
      </section>

      <section aria-labelledby="enterprise-heading" className="mt-16">
        <Card>
          <div className="grid gap-8 p-5 sm:p-8 md:grid-cols-[1fr_1.4fr]">
            <div className="grid content-start gap-3">
              <h2 id="enterprise-heading" className="text-xl font-semibold tracking-tight">
                Enterprise
              </h2>
              <p className="text-sm text-muted-foreground">
                Volume pricing, invoicing, higher rate limits and a support channel. Tell us about your
                workload and we will get back to you.
              </p>
            </div>
            <EnterpriseForm defaultEmail={user?.email} />
          </div>
        </Card>
      </section>

      {user ? (
        <section aria-labelledby="purchases-heading" className="mt-16 grid gap-4">
          <div className="flex items-end justify-between gap-4">
            <h2 id="purchases-heading" className="text-xl font-semibold tracking-tight">
              Your purchases
            </h2>
            <Link
              href="/my-credits"
              className="text-sm font-medium text-brand underline-offset-4 hover:underline"
            >
              Credits and usage
            </Link>
          </div>
          <PurchaseHistory purchases={purchases} />
        </section>
      ) : null}
    </div>
  );
}
