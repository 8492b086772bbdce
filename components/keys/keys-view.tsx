"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRoundIcon, TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import * as React from "react";
import { CreateKeyDialog } from "@/components/keys/create-key-dialog";
import { RevokeKeyButton } from "@/components/keys/revoke-key-button";
import { type ApiKeyList, type ApiKeyRow, KEYS_QUERY_KEY } from "@/components/keys/types";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { activitySearch } from "@/lib/activity/search";
import { fetchJson } from "@/lib/fetch-json";
import { formatDate, formatDateTime, formatNumber, formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";

const STATUS: Record<ApiKeyRow["status"], { label: string; variant: BadgeVariant }> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "warning" },
  revoked: { label: "Revoked", variant: "secondary" },
};

const ORDER: Record<ApiKeyRow["status"], number> = { active: 0, expired: 1, revoked: 2 };

function StatusBadge({ status }: { status: ApiKeyRow["status"] }) {
  return <Badge variant={STATUS[status].variant}>{STATUS[status].label}</Badge>;
}

function When({ value, empty = "Never" }: { value: string | null; empty?: string }) {
  // Relative times depend on "now": rendered after mount only, so server and client agree.
  const [mounted, setMounted] = React.useState(false);
  React.useEffect(() => setMounted(true), []);
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {mounted ? formatRelative(value) : formatDate(value)}
    </time>
  );
}

function Expiry({ apiKey }: { apiKey: ApiKeyRow }) {
  if (!apiKey.expiresAt) return <span className="text-muted-foreground">Never</span>;
  return <time dateTime={apiKey.expiresAt}>{formatDate(apiKey.expiresAt)}</time>;
}

/** A key's usage figures open the activity view filtered by that key (the title describes the link). */
function ActivityLink({ apiKey, children }: { apiKey: ApiKeyRow; children: React.ReactNode }) {
  return (
    <Link
      href={`/activity${activitySearch({ keyId: apiKey.id })}`}
      title={`Activity of ${apiKey.name}`}
      className="text-foreground underline decoration-muted-foreground/50 underline-offset-4 hover:text-brand hover:decoration-brand"
    >
      {children}
    </Link>
  );
}

function LoadingRows() {
  return (
    <Card className="divide-y" aria-busy="true" aria-label="Loading API keys">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-4 p-4">
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-28" />
          </div>
          <Skeleton className="h-5 w-16" />
          <Skeleton className="hidden h-4 w-24 sm:block" />
        </div>
      ))}
    </Card>
  );
}

function KeysTable({ keys }: { keys: ApiKeyRow[] }) {
  return (
    <Card className="hidden overflow-hidden md:flex">
      <Table aria-label="API keys">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="pl-5">Name</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead className="text-right">Requests (30d)</TableHead>
            <TableHead className="text-right">Credits (30d)</TableHead>
            <TableHead className="pr-5 text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((k) => (
            <TableRow key={k.id} className={cn(k.status !== "active" && "text-muted-foreground")}>
              <TableCell className="pl-5">
                <div className="font-medium text-foreground">{k.name}</div>
                <div className="font-mono text-xs text-muted-foreground">{k.prefix}</div>
              </TableCell>
              <TableCell>
                <StatusBadge status={k.status} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <When value={k.lastUsedAt} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <Expiry apiKey={k} />
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <ActivityLink apiKey={k}>{formatNumber(k.usage.requests)}</ActivityLink>
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <ActivityLink apiKey={k}>{formatNumber(k.usage.credits)}</ActivityLink>
              </TableCell>
              <TableCell className="pr-5 text-right">
                {k.status === "active" ? <RevokeKeyButton apiKey={k} /> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function KeysCards({ keys }: { keys: ApiKeyRow[] }) {
  return (
    <ul className="grid gap-3 md:hidden" aria-label="API keys">
      {keys.map((k) => (
        <li key={k.id}>
          <Card className={cn("gap-3 p-4", k.status !== "active" && "opacity-75")}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="truncate font-medium">{k.name}</p>
                <p className="truncate font-mono text-xs text-muted-foreground">{k.prefix}</p>
              </div>
              <StatusBadge status={k.status} />
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">Created</dt>
                <dd>{formatDate(k.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Last used</dt>
                <dd>
                  <When value={k.lastUsedAt} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Expires</dt>
                <dd>
                  <Expiry apiKey={k} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Last 30 days</dt>
                <dd className="tabular-nums">
                  <ActivityLink apiKey={k}>
                    {formatNumber(k.usage.requests)} req · {formatNumber(k.usage.credits)} cr
                  </ActivityLink>
                </dd>
              </div>
            </dl>
            {k.status === "active" ? (
              <div className="-mb-1 flex justify-end border-t pt-2">
                <RevokeKeyButton apiKey={k} />
              </div>
            ) : null}
          </Card>
        </li>
      ))}
    </ul>
  );
}

export function KeysView() {
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: KEYS_QUERY_KEY,
    queryFn: () => fetchJson<ApiKeyList>("/api/keys"),
  });

  const keys = React.useMemo(
    () => [...(data?.data ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]),
    [data],
  );
  const active = keys.filter((k) => k.status === "active").length;
  const max = data?.maxActive ?? 50;
  const atLimit = active >= max;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {data ? `${formatNumber(active)} of ${max} active keys` : "\u00a0"}
        </p>
        <CreateKeyDialog disabled={!data || atLimit} />
      </div>
      {atLimit ? (
        <div
          role="status"
          className="flex items-start gap-2.5 rounded-lg border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
          <p>You have {max} active keys, the maximum. Revoke one to create another.</p>
        </div>
      ) : null}
      {isPending ? (
        <LoadingRows />
      ) : isError ? (
        <EmptyState
          icon={TriangleAlertIcon}
          title="Could not load your keys"
          description="Check your connection and try again."
          action={
            <Button variant="outline" onClick={() => refetch()}>
              Retry
            </Button>
          }
        />
      ) : keys.length === 0 ? (
        <EmptyState
          icon={KeyRoundIcon}
          title="No API keys yet"
          description="Create a key to call the API from your code with the OpenAI or Anthropic SDKs."
          action={
            <CreateKeyDialog
              trigger={
                <Button variant="outline">
                  <KeyRoundIcon aria-hidden="true" /> Create your first key
                </Button>
              }
            />
          }
        />
      ) : (
        <>
          <KeysTable keys={keys} />
          <KeysCards keys={keys} />
        </>
      )}
    </div>
  );
}
