// POST /api/billing/test-checkout/:sessionId/pay — "Pay" on the test-mode checkout page (no real payment); fulfils once.
import { payTestCheckout } from "@/lib/billing/test-mode";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const POST = withSession<undefined, { sessionId: string }>(async ({ user, params }) => {
  const result = await payTestCheckout({ userId: user.id, sessionId: params.sessionId });
  // A second "Pay" (double click, another tab) is a success that granted nothing more.
  return { status: result.status, purchase_id: result.purchaseId };
});
