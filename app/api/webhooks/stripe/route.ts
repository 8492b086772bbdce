// POST /api/webhooks/stripe — verifies Stripe's signature on the raw body and fulfils paid checkout sessions once.
import { handleStripeEvent, stripeWebhookSecret, verifyStripeEvent } from "@/lib/billing/stripe";
import { AppError } from "@/lib/errors";
import { STRIPE_EVENT_LIMIT } from "@/lib/http/body-limits";
import { route } from "@/lib/http/route";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

// Answers: 2xx for anything handled, duplicated or deliberately ignored (so Stripe stops
// sending it); 400 for a bad signature; 5xx when fulfilment failed, so Stripe retries.
export const POST = route({ auth: "none", limit: STRIPE_EVENT_LIMIT }, async ({ req, readBody }) => {
  const secret = stripeWebhookSecret();
  if (!secret) throw new AppError("not_found", "Stripe webhooks are not configured on this deployment.");
  const signature = req.headers.get("stripe-signature");
  if (!signature) throw new AppError("invalid_request", "Missing Stripe-Signature header.");
  // The signature covers the exact bytes sent, so the body is read as raw text, never
  // re-serialised; counted as it arrives, a chunked one included (413 past the limit).
  const event = verifyStripeEvent((await readBody()).toString("utf8"), signature, secret);
  try {
    const outcome = await handleStripeEvent(event);
    return { received: true, event_id: event.id, ...outcome };
  } catch (error) {
    logger.error(
      { err: error, eventId: event.id, type: event.type },
      "stripe webhook failed; Stripe will retry",
    );
    throw new AppError("internal_error", "Fulfilment failed; retry later.");
  }
});
