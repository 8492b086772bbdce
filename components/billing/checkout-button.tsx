"use client";

import { useRouter } from "next/navigation";
import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { PackageId } from "@/lib/billing/policy";
import { ApiError, fetchJson } from "@/lib/fetch-json";

const LOGIN_PATH = `/login?next=${encodeURIComponent("/pricing")}`;

/**
 * "Buy <package>": signed out → sign in first; signed in → Stripe Checkout or the test-mode page.
 * Disabled, and described by the notice that says why, when the deployment takes no payments.
 */
export function CheckoutButton({
  packageId,
  packageName,
  signedIn,
  featured = false,
  unavailableNoticeId,
}: {
  packageId: PackageId;
  packageName: string;
  signedIn: boolean;
  featured?: boolean;
  /** The id of the "payments are not configured" notice, when that is the case. */
  unavailableNoticeId?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = React.useState(false);

  async function onClick() {
    if (!signedIn) {
      router.push(LOGIN_PATH);
      return;
    }
    setPending(true);
    try {
      const { url } = await fetchJson<{ url: string }>("/api/billing/checkout", {
        method: "POST",
        body: { package: packageId },
      });
      // Stripe's page is on another origin, so a full navigation either way.
      window.location.assign(url);
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && error.status === 401) {
        router.push(LOGIN_PATH);
        return;
      }
      toast.error(error instanceof Error ? error.message : "Could not start checkout. Try again.");
    }
  }

  return (
    <Button
      className="w-full"
      variant={featured ? "brand" : "outline"}
      loading={pending}
      disabled={Boolean(unavailableNoticeId)}
      aria-describedby={unavailableNoticeId}
      onClick={onClick}
    >
      Buy {packageName}
    </Button>
  );
}
