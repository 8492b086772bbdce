import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  type ActivityRow,
  failureReason,
  formatDuration,
  keyLabel,
  outcomeOf,
  surfaceLabel,
} from "@/lib/activity/present";
import { formatDateTime, formatNumber } from "@/lib/format";
import { cn } from "@/lib/utils";

function Status({ row }: { row: ActivityRow }) {
  const outcome = outcomeOf(row);
  if (outcome === "in_progress") return <Badge variant="brand">In progress</Badge>;
  if (outcome === "ok") return <Badge variant="success">OK · {row.status}</Badge>;
  return (
    <span className="grid justify-items-start gap-1">
      <Badge variant="destructive">
        Failed · {row.status}
        {row.errorCode ? ` ${row.errorCode}` : ""}
      </Badge>
      <span className="text-xs text-muted-foreground">{failureReason(row)}</span>
    </span>
  );
}

function Time({ row }: { row: ActivityRow }) {
  return (
    <time dateTime={row.createdAt.toISOString()} title={row.createdAt.toISOString()}>
      {formatDateTime(row.createdAt)}
    </time>
  );
}

function Tokens({ row }: { row: ActivityRow }) {
  return (
    <span className="tabular-nums">
      {formatNumber(row.promptTokens)} <span className="text-muted-foreground">/</span>{" "}
      {formatNumber(row.completionTokens)}
    </span>
  );
}

/** Wide screens: a table that scrolls inside its own box if it must, never the page. */
function ActivityTable({ rows, highlight }: { rows: ActivityRow[]; highlight?: string }) {
  return (
    <Card className="hidden min-w-0 overflow-hidden md:flex">
      <Table aria-label="Activity">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="pl-5">Time (UTC)</TableHead>
            <TableHead>Model</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Surface</TableHead>
            <TableHead className="text-right">Tokens in / out</TableHead>
            <TableHead className="text-right">Duration</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="pr-5 text-right">Credits</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={r.id}
              id={`call-${r.id}`}
              data-request-id={r.id}
              aria-current={r.id === highlight ? "true" : undefined}
              className={cn(r.id === highlight && "bg-brand/8")}
            >
              <TableCell className="whitespace-nowrap pl-5 text-muted-foreground">
                <Time row={r} />
              </TableCell>
              <TableCell className="max-w-56 break-words font-mono text-xs">{r.model}</TableCell>
              <TableCell className="max-w-48 break-words">{keyLabel(r)}</TableCell>
              <TableCell className="whitespace-nowrap">{surfaceLabel(r)}</TableCell>
              <TableCell className="whitespace-nowrap text-right">
                <Tokens row={r} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-right tabular-nums">
                {formatDuration(r.latencyMs)}
              </TableCell>
              <TableCell>
                <Status row={r} />
              </TableCell>
              <TableCell className="pr-5 text-right font-medium tabular-nums">
                {formatNumber(r.credits)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

/** Phones: one card per call. */
function ActivityCards({ rows, highlight }: { rows: ActivityRow[]; highlight?: string }) {
  return (
    <ul className="grid gap-3 md:hidden" aria-label="Activity">
      {rows.map((r) => (
        <li key={r.id} data-request-id={r.id} aria-current={r.id === highlight ? "true" : undefined}>
          <Card className={cn("gap-3 p-4", r.id === highlight && "border-brand")}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="break-words font-mono text-sm font-medium">{r.model}</p>
                <p className="text-xs text-muted-foreground">
                  <Time row={r} />
                </p>
              </div>
              <p className="shrink-0 text-right font-medium tabular-nums">
                {formatNumber(r.credits)} <span className="text-xs text-muted-foreground">cr</span>
              </p>
            </div>
            <Status row={r} />
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div className="min-w-0">
                <dt className="text-xs text-muted-foreground">Key</dt>
                <dd className="break-words">{keyLabel(r)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Surface</dt>
                <dd>{surfaceLabel(r)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Tokens in / out</dt>
                <dd>
                  <Tokens row={r} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Duration</dt>
                <dd className="tabular-nums">{formatDuration(r.latencyMs)}</dd>
              </div>
            </dl>
          </Card>
        </li>
      ))}
    </ul>
  );
}

export function ActivityList({ rows, highlight }: { rows: ActivityRow[]; highlight?: string }) {
  return (
    <>
      <ActivityTable rows={rows} highlight={highlight} />
      <ActivityCards rows={rows} highlight={highlight} />
    </>
  );
}
