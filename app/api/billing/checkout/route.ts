// POST /api/billing/checkout — starts buying a package: a Stripe Checkout Session, the test-mode checkout, or 503 when payments are off.
import { z } from "zod";
import { findPackage } from "@/lib/billing/packages";
import { createStripeCheckoutSession } from "@/lib/billing/stripe";
import { createTestCheckout } from "@/lib/billing/test-mode";
import { createPendingPurchase } from "@/lib/data/purchases";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withSession } from "@/lib/http/session";
import { requestOrigin } from "@/lib/request-origin";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  package: z.enum(["starter", "standard", "premium"], {
    error: "package must be one of: starter, standard, premium.",
  }),
});

export const POST = withSession(
  async ({ req, user, body }) => {
    const pkg = findPackage(body.package);
    if (!pkg) throw new AppError("invalid_request", "Unknown package.", { param: "package" });
    const mode = env().PAYMENT_MODE;
    if (mode === "off") throw new AppError("payments_not_configured");
    if (mode === "test") {
      const checkout = await createTestCheckout({ userId: user.id, pkg });
      return { mode: "test", session_id: checkout.sessionId, url: checkout.url };
    }
    // The public origin, not req.url's: behind the production gateway that is Next's private port.
    const origin = requestOrigin(req.headers);
    const session = await createStripeCheckoutSession({ userId: user.id, email: user.email, pkg, origin });
    // Recorded as pending before the customer gets the URL: the webhook fulfils only sessions
    // recorded here, and the success page knows it before the webhook arrives.
    await createPendingPurchase({
      userId: user.id,
      pkg,
      provider: "stripe",
      sessionId: session.id,
      amountCents: session.amountCents,
    });
    return { mode: "stripe", session_id: session.id, url: session.url };
  },
  { body: bodySchema },
);
