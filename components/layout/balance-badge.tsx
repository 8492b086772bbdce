"use client";

import { CoinsIcon } from "lucide-react";
import Link from "next/link";
import { type Me, useMe } from "@/components/layout/use-me";
import { Skeleton } from "@/components/ui/skeleton";
import { formatNumber } from "@/lib/format";
import { cn } from "@/lib/utils";

/** The credit balance, always visible in the shell; refreshed whenever ["me"] is invalidated. */
export function BalanceBadge({ className, initial }: { className?: string; initial?: Me }) {
  const { data, isPending, isError } = useMe(initial);
  return (
    <Link
      href="/my-credits"
      title="Credit balance"
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-full border bg-background px-3 text-sm font-medium tabular-nums transition-colors hover:bg-accent",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        data && data.balance <= 10 && "border-warning/50 text-warning",
        className,
      )}
    >
      <CoinsIcon className="size-4 text-brand" aria-hidden="true" />
      {isPending ? (
        <>
          <Skeleton className="h-4 w-10" />
          <span className="sr-only">Loading balance</span>
        </>
      ) : isError ? (
        <span>— credits</span>
      ) : (
        <span data-balance={data.balance}>
          {formatNumber(data.balance)} <span className="hidden sm:inline">credits</span>
          <span className="sr-only sm:hidden">credits</span>
        </span>
      )}
    </Link>
  );
}
