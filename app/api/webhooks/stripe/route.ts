// POST /api/webhooks/stripe — verifies Stripe's signature on the raw body and fulfils paid checkout sessions once.
import { handleStripeEvent, stripeWebhookSecret, verifyStripeEvent } from "@/lib/billing/stripe";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { readRequestBytes } from "@/lib/http/body";
import { STRIPE_EVENT_LIMIT } from "@/lib/http/body-limits";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

// Answers: 2xx for anything handled, duplicated or deliberately ignored (so Stripe stops
// sending it); 400 for a bad signature; 5xx when fulfilment failed, so Stripe retries.
export async function POST(req: Request): Promise<Response> {
  const secret = stripeWebhookSecret();
  if (!secret)
    return errorResponse(
      new AppError("not_found", "Stripe webhooks are not configured on this deployment."),
      "json",
    );
  const signature = req.headers.get("stripe-signature");
  if (!signature)
    return errorResponse(new AppError("invalid_request", "Missing Stripe-Signature header."), "json");

  let event: ReturnType<typeof verifyStripeEvent>;
  try {
    // The signature covers the exact bytes sent, so the body is read as raw text, never
    // re-serialised; counted as it arrives, a chunked one included (413 past the limit).
    const raw = (await readRequestBytes(req, STRIPE_EVENT_LIMIT)).toString("utf8");
    event = verifyStripeEvent(raw, signature, secret);
  } catch (error) {
    return errorResponse(toAppError(error), "json");
  }

  try {
    const outcome = await handleStripeEvent(event);
    return Response.json({ received: true, event_id: event.id, ...outcome });
  } catch (error) {
    logger.error(
      { err: error, eventId: event.id, type: event.type },
      "stripe webhook failed; Stripe will retry",
    );
    return errorResponse(new AppError("internal_error", "Fulfilment failed; retry later."), "json");
  }
}
