import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CheckoutStatus } from "@/components/billing/checkout-status";
import { PageContainer } from "@/components/layout/page";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { findPurchaseBySession } from "@/lib/data/purchases";

export const metadata: Metadata = { title: "Payment complete" };
export const dynamic = "force-dynamic";

export default async function CheckoutSuccessPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string | string[] }>;
}) {
  const { session_id: raw } = await searchParams;
  const sessionId = typeof raw === "string" ? raw : null;
  if (!sessionId) notFound();
  const user = await requireUser();
  const purchase = await findPurchaseBySession({ userId: user.id, sessionId });
  if (!purchase) notFound();
  return (
    <PageContainer className="max-w-2xl">
      <Card>
        <CardContent className="pt-5 sm:pt-6">
          <CheckoutStatus
            sessionId={sessionId}
            initial={{
              status: purchase.status as "pending" | "paid" | "expired",
              purchase_id: purchase.id,
              credits: purchase.credits,
            }}
          />
        </CardContent>
      </Card>
    </PageContainer>
  );
}
