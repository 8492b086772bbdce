import { FlaskConicalIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TestCheckoutActions } from "@/components/billing/test-checkout-actions";
import { PageContainer } from "@/components/layout/page";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { findPackage, formatCents } from "@/lib/billing/packages";
import { findPurchaseBySession } from "@/lib/data/purchases";
import { env } from "@/lib/env";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Test checkout" };
export const dynamic = "force-dynamic";

export default async function TestCheckoutPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  // Only in test mode: nothing here may be paid for in any other mode.
  if (env().PAYMENT_MODE !== "test") notFound();
  const user = await requireUser();
  const purchase = await findPurchaseBySession({ userId: user.id, sessionId });
  if (purchase?.provider !== "test") notFound();
  const pkg = findPackage(purchase.packageId);
  const amount = formatCents(purchase.amountCents, purchase.currency);

  return (
    <PageContainer className="max-w-lg">
      <div
        role="note"
        aria-label="Test mode"
        className="mb-6 flex items-start gap-3 rounded-lg border-2 border-dashed border-warning bg-warning/10 p-4 text-sm"
      >
        <FlaskConicalIcon className="mt-0.5 size-5 shrink-0 text-warning" aria-hidden="true" />
        <div className="grid gap-1">
          <p className="font-semibold tracking-wide text-warning">TEST MODE — no real payment</p>
          <p className="text-muted-foreground">
            This deployment has no payment provider configured. Paying here adds the credits without charging
            anything.
          </p>
        </div>
      </div>
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold leading-tight tracking-tight">Checkout</h1>
          <CardDescription>{pkg?.description}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Package</dt>
            <dd className="font-medium">{pkg?.name ?? purchase.packageId}</dd>
            <dt className="text-muted-foreground">Credits</dt>
            <dd className="font-medium tabular-nums">{formatNumber(purchase.credits)}</dd>
            <dt className="text-muted-foreground">Validity</dt>
            <dd className="font-medium">
              {pkg?.validityMonths ? `${pkg.validityMonths} month` : "Never expires"}
            </dd>
          </dl>
          <p className="-mt-3 flex items-baseline justify-between border-t pt-3">
            <span className="text-sm font-medium">Total</span>
            <span className="text-lg font-semibold tabular-nums">{amount}</span>
          </p>
          {purchase.status === "paid" ? (
            <p className="text-sm">
              This checkout is already paid.{" "}
              <Link
                href={`/billing/receipts/${purchase.id}`}
                className="font-medium text-brand underline-offset-4 hover:underline"
              >
                View the receipt
              </Link>
            </p>
          ) : (
            <TestCheckoutActions sessionId={purchase.providerSessionId ?? sessionId} amount={amount} />
          )}
        </CardContent>
      </Card>
    </PageContainer>
  );
}
