import { GRANT_SOURCE_LABELS } from "@/components/credits/labels";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, formatNumber } from "@/lib/format";

export interface GrantRow {
  id: string;
  source: string;
  amount: number;
  remaining: number;
  expiresAt: Date | null;
  createdAt: Date;
}

const SOON_MS = 7 * 86_400_000;

/** The balance by grant, soonest-expiring first (the order credits are spent in). */
export function GrantsTable({ grants, now }: { grants: GrantRow[]; now: Date }) {
  const live = grants
    .filter((g) => g.remaining > 0)
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) -
        (b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY),
    );
  if (live.length === 0) return <p className="text-sm text-muted-foreground">No credits left.</p>;
  return (
    <Table aria-label="Credits by grant">
      <TableHeader>
        <TableRow>
          <TableHead>Source</TableHead>
          <TableHead>Added</TableHead>
          <TableHead className="text-right">Remaining</TableHead>
          <TableHead>Expires</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {live.map((g) => (
          <TableRow key={g.id}>
            <TableCell>{GRANT_SOURCE_LABELS[g.source] ?? g.source}</TableCell>
            <TableCell className="whitespace-nowrap">{formatDate(g.createdAt)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {formatNumber(g.remaining)}{" "}
              <span className="text-muted-foreground">/ {formatNumber(g.amount)}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {g.expiresAt ? (
                <span className="flex items-center gap-2">
                  {formatDate(g.expiresAt)}
                  {g.expiresAt.getTime() - now.getTime() < SOON_MS ? (
                    <Badge variant="warning">Expires soon</Badge>
                  ) : null}
                </span>
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
