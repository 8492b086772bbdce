// GET /api/billing/sessions/:sessionId — the state of the signed-in user's checkout (the success page polls it until paid).
import { findPurchaseBySession } from "@/lib/data/purchases";
import { AppError } from "@/lib/errors";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const GET = withSession<undefined, { sessionId: string }>(async ({ user, params }) => {
  const purchase = await findPurchaseBySession({ userId: user.id, sessionId: params.sessionId });
  if (!purchase) throw new AppError("not_found", "No such checkout session.");
  return {
    status: purchase.status,
    purchase_id: purchase.id,
    package: purchase.packageId,
    credits: purchase.credits,
    amount_cents: purchase.amountCents,
    currency: purchase.currency,
    provider: purchase.provider,
  };
});
