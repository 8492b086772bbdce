import type { Metadata } from "next";
import Link from "next/link";
import { PageContainer } from "@/components/layout/page";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

export const metadata: Metadata = { title: "Checkout cancelled" };

// Stripe's cancel_url (and the test checkout's "Cancel"): nothing to undo — an unpaid session
// is never fulfilled, and Stripe expires it on its own.
export default function CheckoutCancelPage() {
  return (
    <PageContainer className="max-w-2xl">
      <Card>
        <CardContent className="grid gap-4 pt-5 sm:pt-6">
          <h1 className="text-2xl font-semibold tracking-tight">Checkout cancelled</h1>
          <p className="text-muted-foreground">Nothing was charged and your balance is unchanged.</p>
          <div className="flex flex-wrap gap-2">
            <Link href="/pricing" className={buttonVariants()}>
              Back to pricing
            </Link>
            <Link href="/my-credits" className={buttonVariants({ variant: "outline" })}>
              Your credits
            </Link>
          </div>
        </CardContent>
      </Card>
    </PageContainer>
  );
}
