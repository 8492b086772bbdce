import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/billing/print-button";
import { PageContainer } from "@/components/layout/page";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { findPackage, formatCents } from "@/lib/billing/packages";
import { getReceipt } from "@/lib/data/purchases";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Receipt" };
export const dynamic = "force-dynamic";

export default async function ReceiptPage({ params }: { params: Promise<{ purchaseId: string }> }) {
  const { purchaseId } = await params;
  const user = await requireUser();
  const receipt = await getReceipt({ userId: user.id, purchaseId });
  if (!receipt) notFound();
  const pkg = findPackage(receipt.packageId);
  const paidAt = receipt.fulfilledAt ?? receipt.createdAt;
  const amount = formatCents(receipt.amountCents, receipt.currency);

  return (
    <PageContainer className="max-w-2xl">
      <div className="mb-4 flex items-center justify-between gap-2 print:hidden">
        <Link
          href="/my-credits"
          className="text-sm font-medium text-brand underline-offset-4 hover:underline"
        >
          ← Credits and usage
        </Link>
        <PrintButton />
      </div>
      <Card>
        <CardHeader className="border-b">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="grid gap-1">
              <h1 className="text-2xl font-semibold tracking-tight">Receipt</h1>
              <p className="text-sm text-muted-foreground">Kimi Playground</p>
            </div>
            <Badge variant={receipt.provider === "test" ? "warning" : "success"}>
              {receipt.provider === "test" ? "Test mode — no real payment" : "Paid"}
            </Badge>
          </div>
        </CardHeader>
        <CardContent className="grid gap-6 pt-5 sm:pt-6">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">Receipt number</dt>
            <dd className="font-mono">{receipt.id}</dd>
            <dt className="text-muted-foreground">Date paid</dt>
            <dd>{formatDateTime(paidAt)}</dd>
            <dt className="text-muted-foreground">Billed to</dt>
            <dd>{receipt.user.name ? `${receipt.user.name} <${receipt.user.email}>` : receipt.user.email}</dd>
            <dt className="text-muted-foreground">Payment</dt>
            <dd>
              {receipt.provider === "stripe"
                ? "Card via Stripe"
                : "Test mode (no payment provider configured)"}
            </dd>
            <dt className="text-muted-foreground">Checkout session</dt>
            <dd className="break-all font-mono text-xs">{receipt.providerSessionId}</dd>
          </dl>
          <table className="w-full text-sm">
            <caption className="sr-only">Items</caption>
            <thead>
              <tr className="border-b text-left text-xs uppercase tracking-wide text-muted-foreground">
                <th className="py-2 font-medium">Item</th>
                <th className="py-2 text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody>
              <tr className="border-b">
                <td className="py-3">
                  <p className="font-medium">
                    {pkg?.name ?? receipt.packageId} package — {formatNumber(receipt.credits)} credits
                  </p>
                  <p className="text-muted-foreground">
                    {receipt.expiresAt
                      ? `Credits valid until ${formatDate(receipt.expiresAt)}`
                      : "Credits never expire"}
                  </p>
                </td>
                <td className="py-3 text-right tabular-nums">{amount}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className="py-3 text-left font-semibold">
                  Total paid
                </th>
                <td className="py-3 text-right text-base font-semibold tabular-nums">{amount}</td>
              </tr>
            </tfoot>
          </table>
        </CardContent>
      </Card>
    </PageContainer>
  );
}
