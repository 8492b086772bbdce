"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import * as React from "react";
import { FormAlert } from "@/components/auth/login-form";
import { ME_QUERY_KEY } from "@/components/layout/use-me";
import { Button, buttonVariants } from "@/components/ui/button";
import { fetchJson } from "@/lib/fetch-json";

/** "Pay" and "Cancel" on the test-mode checkout page. */
export function TestCheckoutActions({ sessionId, amount }: { sessionId: string; amount: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const encoded = encodeURIComponent(sessionId);

  async function pay() {
    setPending(true);
    setError(null);
    try {
      await fetchJson(`/api/billing/test-checkout/${encoded}/pay`, { method: "POST" });
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      router.push(`/billing/success?session_id=${encoded}`);
    } catch (e) {
      setPending(false);
      setError(e instanceof Error ? e.message : "Payment failed. Try again.");
    }
  }

  return (
    <div className="grid gap-3">
      {error ? <FormAlert message={error} /> : null}
      <Button
        size="lg"
        variant="brand"
        className="w-full"
        loading={pending}
        onClick={pay}
        aria-label={`Pay ${amount} (test mode)`}
      >
        Pay {amount}
      </Button>
      <Link
        href={`/billing/cancel?session_id=${encoded}`}
        className={buttonVariants({ variant: "ghost", className: "w-full" })}
      >
        Cancel
      </Link>
    </div>
  );
}
