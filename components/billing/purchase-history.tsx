import { ReceiptIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { findPackage, formatCents } from "@/lib/billing/packages";
import { formatDate, formatNumber } from "@/lib/format";

export interface PurchaseRow {
  id: string;
  packageId: string;
  credits: number;
  amountCents: number;
  currency: string;
  provider: string;
  createdAt: Date;
  fulfilledAt: Date | null;
}

/** Paid purchases with a link to each receipt. */
export function PurchaseHistory({ purchases }: { purchases: PurchaseRow[] }) {
  if (purchases.length === 0) {
    return (
      <EmptyState
        icon={ReceiptIcon}
        title="No purchases yet"
        description="Packages you buy show up here, each with a receipt."
        action={
          <Link href="/pricing" className="text-sm font-medium text-brand underline-offset-4 hover:underline">
            See packages
          </Link>
        }
      />
    );
  }
  return (
    <Table aria-label="Purchase history">
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Package</TableHead>
          <TableHead className="text-right">Credits</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead>
            <span className="sr-only">Receipt</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {purchases.map((p) => (
          <TableRow key={p.id}>
            <TableCell className="whitespace-nowrap">{formatDate(p.fulfilledAt ?? p.createdAt)}</TableCell>
            <TableCell>
              <span className="flex items-center gap-2">
                {findPackage(p.packageId)?.name ?? p.packageId}
                {p.provider === "test" ? <Badge variant="warning">Test mode</Badge> : null}
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(p.credits)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {formatCents(p.amountCents, p.currency)}
            </TableCell>
            <TableCell className="text-right">
              <Link
                href={`/billing/receipts/${p.id}`}
                className="text-sm font-medium text-brand underline-offset-4 hover:underline"
                aria-label={`Receipt for ${findPackage(p.packageId)?.name ?? p.packageId} on ${formatDate(p.fulfilledAt ?? p.createdAt)}`}
              >
                Receipt
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
