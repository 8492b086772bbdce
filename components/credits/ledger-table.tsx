import Link from "next/link";
import { GRANT_SOURCE_LABELS, LEDGER_REASON_LABELS } from "@/components/credits/labels";
import { buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { activitySearch } from "@/lib/activity/search";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { cn } from "@/lib/utils";

export interface LedgerRowView {
  id: string;
  delta: number;
  balanceAfter: number;
  reason: string;
  note: string | null;
  purchaseId: string | null;
  requestId: string | null;
  /** The call a charge or refund belongs to, once its log row is written. */
  call: { model: string; key: string } | null;
  createdAt: Date;
  grantExpiresAt: Date | null;
  grantExpiredAt: Date | null;
}

function describeRow(row: LedgerRowView): string {
  const label = LEDGER_REASON_LABELS[row.reason] ?? row.reason;
  if (row.reason === "grant" && row.note) return `${label}: ${GRANT_SOURCE_LABELS[row.note] ?? row.note}`;
  if (row.reason === "expiry") {
    // The sweep notes "<source> grant expired".
    const source = row.note?.replace(/ grant expired$/, "") ?? "";
    return `Unused credits expired${GRANT_SOURCE_LABELS[source] ? ` (${GRANT_SOURCE_LABELS[source]})` : ""}`;
  }
  return label;
}

/** Every change of the balance, newest first, paged with ?page=N. */
export function LedgerTable({
  rows,
  page,
  pages,
  total,
}: {
  rows: LedgerRowView[];
  page: number;
  pages: number;
  total: number;
}) {
  return (
    <div className="grid gap-3">
      <Table aria-label="Credit history">
        <TableHeader>
          <TableRow>
            <TableHead>Date</TableHead>
            <TableHead>Description</TableHead>
            <TableHead className="text-right">Change</TableHead>
            <TableHead className="text-right">Balance</TableHead>
            <TableHead>Expiry</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {formatDateTime(r.createdAt)}
              </TableCell>
              <TableCell>
                {r.requestId ? (
                  <Link
                    href={`/activity${activitySearch({ requestId: r.requestId })}`}
                    className="text-brand underline-offset-4 hover:underline"
                  >
                    {describeRow(r)}
                  </Link>
                ) : (
                  describeRow(r)
                )}
                {r.call ? (
                  <span className="text-muted-foreground">
                    {" · "}
                    <span className="font-mono text-xs">{r.call.model}</span> · {r.call.key}
                  </span>
                ) : null}
                {r.purchaseId ? (
                  <>
                    {" · "}
                    <Link
                      href={`/billing/receipts/${r.purchaseId}`}
                      className="text-brand underline-offset-4 hover:underline"
                    >
                      receipt
                    </Link>
                  </>
                ) : null}
              </TableCell>
              <TableCell
                className={cn(
                  "text-right font-medium tabular-nums",
                  r.delta > 0 ? "text-success" : "text-foreground",
                )}
              >
                {r.delta > 0 ? "+" : "−"}
                {formatNumber(Math.abs(r.delta))}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(r.balanceAfter)}</TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {r.reason === "expiry"
                  ? `Expired ${formatDate(r.grantExpiresAt ?? r.createdAt)}`
                  : r.reason === "grant" && r.grantExpiresAt
                    ? `${r.grantExpiredAt ? "Expired" : "Expires"} ${formatDate(r.grantExpiresAt)}`
                    : r.reason === "grant"
                      ? "Never expires"
                      : ""}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Credit history pages" className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted-foreground">
          Page {page} of {pages} · {formatNumber(total)} entries
        </span>
        <div className="flex gap-2">
          {page > 1 ? (
            <Link
              href={`/my-credits?page=${page - 1}#history`}
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              Newer
            </Link>
          ) : null}
          {page < pages ? (
            <Link
              href={`/my-credits?page=${page + 1}#history`}
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              Older
            </Link>
          ) : null}
        </div>
      </nav>
    </div>
  );
}
