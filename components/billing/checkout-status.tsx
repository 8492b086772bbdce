"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, Loader2Icon } from "lucide-react";
import Link from "next/link";
import * as React from "react";
import { ME_QUERY_KEY, useMe } from "@/components/layout/use-me";
import { buttonVariants } from "@/components/ui/button";
import { fetchJson } from "@/lib/fetch-json";
import { formatNumber } from "@/lib/format";

interface SessionState {
  status: "pending" | "paid" | "expired";
  purchase_id: string;
  credits: number;
}

/**
 * After checkout: Stripe's webhook may arrive a moment after the customer does, so a pending
 * purchase is polled until it is paid; then the shell's balance is refreshed.
 */
export function CheckoutStatus({ sessionId, initial }: { sessionId: string; initial: SessionState }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const { data } = useQuery({
    queryKey: ["checkout-session", sessionId],
    queryFn: () => fetchJson<SessionState>(`/api/billing/sessions/${encodeURIComponent(sessionId)}`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? 1_500 : false),
  });
  const paid = data.status === "paid";

  React.useEffect(() => {
    if (paid) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [paid, queryClient]);

  if (data.status === "expired") {
    return (
      <div role="status" className="grid gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Checkout did not complete</h1>
        <p className="text-muted-foreground">Nothing was charged and no credits were added.</p>
        <Link href="/pricing" className={buttonVariants({ className: "w-fit" })}>
          Back to pricing
        </Link>
      </div>
    );
  }
  if (!paid) {
    return (
      <div role="status" className="grid gap-3">
        <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
          <Loader2Icon className="size-6 animate-spin text-muted-foreground" aria-hidden="true" />
          Confirming your payment…
        </h1>
        <p className="text-muted-foreground">
          This usually takes a few seconds. You can leave this page; the credits arrive either way.
        </p>
      </div>
    );
  }
  return (
    <div role="status" className="grid gap-5">
      <div className="flex items-center gap-3">
        <CheckCircle2Icon className="size-8 text-success" aria-hidden="true" />
        <h1 className="text-2xl font-semibold tracking-tight">Payment complete</h1>
      </div>
      <p className="text-lg">
        {formatNumber(data.credits)} credits were added to your account.
        {me.data ? (
          <>
            {" "}
            Your balance is now{" "}
            <strong data-testid="new-balance">{formatNumber(me.data.balance)} credits</strong>.
          </>
        ) : null}
      </p>
      <div className="flex flex-wrap gap-2">
        <Link
          href={`/billing/receipts/${data.purchase_id}`}
          className={buttonVariants({ variant: "outline" })}
        >
          View receipt
        </Link>
        <Link href="/my-credits" className={buttonVariants()}>
          Go to credits
        </Link>
        <Link href="/playground" className={buttonVariants({ variant: "ghost" })}>
          Open the playground
        </Link>
      </div>
    </div>
  );
}
