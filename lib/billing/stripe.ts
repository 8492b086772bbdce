import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { fulfilPurchase } from "@/lib/billing/payments";
import { type CreditPackage, PACKAGE_CURRENCY } from "@/lib/billing/policy";
import { markPurchaseExpired } from "@/lib/data/purchases";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Stripe Checkout, in payment mode "stripe" only (lib/billing/payment-mode.ts): both keys are set.
// STRIPE_API_BASE points the SDK at stripe-mock or a test's fake instead of api.stripe.com.

let cached: { key: string; base: string | undefined; client: Stripe } | undefined;

function stripeClient(): Stripe {
  const e = env();
  const key = e.STRIPE_SECRET_KEY;
  if (e.PAYMENT_MODE !== "stripe" || !key) throw new AppError("payments_not_configured");
  const base = e.STRIPE_API_BASE;
  if (cached?.key !== key || cached.base !== base) {
    const url = base ? new URL(base) : undefined;
    const client = new Stripe(key, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(url && {
        host: url.hostname,
        port: url.port || (url.protocol === "http:" ? 80 : 443),
        protocol: url.protocol === "http:" ? "http" : "https",
      }),
    });
    cached = { key, base, client };
  }
  return cached.client;
}

/** The webhook secret, when Stripe takes the payments (webhooks are not served otherwise). */
export function stripeWebhookSecret(): string | undefined {
  const e = env();
  return e.PAYMENT_MODE === "stripe" ? e.STRIPE_WEBHOOK_SECRET : undefined;
}

/** The Checkout Session we ask Stripe for: one package, priced in integer cents. */
export function checkoutSessionParams({
  userId,
  email,
  pkg,
  origin,
}: {
  userId: string;
  email: string;
  pkg: CreditPackage;
  origin: string;
}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    client_reference_id: userId,
    customer_email: email,
    metadata: { package: pkg.id },
    payment_intent_data: { metadata: { package: pkg.id, user_id: userId } },
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: PACKAGE_CURRENCY,
          unit_amount: pkg.priceCents,
          product_data: {
            name: `${pkg.name} — ${pkg.credits.toLocaleString("en-US")} credits`,
            description: pkg.description,
          },
        },
      },
    ],
    success_url: `${origin}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/billing/cancel?session_id={CHECKOUT_SESSION_ID}`,
  };
}

export async function createStripeCheckoutSession(input: Parameters<typeof checkoutSessionParams>[0]) {
  try {
    const session = await stripeClient().checkout.sessions.create(checkoutSessionParams(input));
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
    return { id: session.id, url: session.url, amountCents: session.amount_total ?? input.pkg.priceCents };
  } catch (error) {
    throw new AppError(
      "upstream_unavailable",
      "The payment provider could not be reached. Try again in a moment.",
      {
        cause: error,
      },
    );
  }
}

/**
 * Verifies the `Stripe-Signature` header against the raw body (HMAC and a 5-minute timestamp
 * tolerance, both checked by the SDK) and parses the event. Throws invalid_request otherwise.
 */
export function verifyStripeEvent(rawBody: string | Buffer, signature: string, secret: string): Stripe.Event {
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new AppError("invalid_request", "Invalid Stripe signature.", { cause: error });
  }
}

const sessionSchema = z.object({
  id: z.string().min(1),
  client_reference_id: z.string().min(1),
  metadata: z.object({ package: z.enum(["starter", "standard", "premium"]) }),
  amount_total: z.number().int().min(0),
  currency: z.string().min(3).max(8),
  payment_status: z.string(),
});

export type CheckoutSessionFacts = z.infer<typeof sessionSchema>;

/** What we need from a Checkout Session, or null when it is not one of ours. */
export function readCheckoutSession(object: unknown): CheckoutSessionFacts | null {
  const parsed = sessionSchema.safeParse(object);
  return parsed.success ? parsed.data : null;
}

export type StripeEventOutcome =
  | { result: "fulfilled" | "duplicate"; purchase_id: string }
  | { result: "expired" }
  | { result: "ignored"; reason: string };

/**
 * Acts on one verified event. Fulfils a paid session (completed with payment_status "paid", or
 * a delayed payment that succeeded) exactly once; marks an abandoned one expired; ignores the
 * rest. Database failures throw, so the webhook answers 5xx and Stripe retries.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<StripeEventOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = readCheckoutSession(event.data.object);
      if (!session) {
        const sessionId = (event.data.object as { id?: unknown }).id;
        logger.warn({ eventId: event.id, sessionId }, "stripe event is not a checkout session of ours");
        return { result: "ignored", reason: "not a checkout session of this deployment" };
      }
      if (session.payment_status !== "paid")
        return { result: "ignored", reason: "payment not completed yet" };
      try {
        const outcome = await fulfilPurchase({
          provider: "stripe",
          sessionId: session.id,
          userId: session.client_reference_id,
          packageId: session.metadata.package,
          amountCents: session.amount_total,
          currency: session.currency,
        });
        return { result: outcome.status, purchase_id: outcome.purchaseId };
      } catch (error) {
        // A session we did not make, a wrong amount or a deleted user will not get better on a
        // retry: acknowledged, so Stripe stops sending it, and logged for a human to look at.
        if (error instanceof AppError && (error.code === "not_found" || error.code === "invalid_request")) {
          logger.warn(
            { eventId: event.id, sessionId: session.id, code: error.code },
            "stripe checkout session not fulfilled",
          );
          return { result: "ignored", reason: error.message };
        }
        throw error;
      }
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const id = (event.data.object as { id?: unknown }).id;
      if (typeof id === "string") await markPurchaseExpired({ sessionId: id });
      return { result: "expired" };
    }
    default:
      return { result: "ignored", reason: `unhandled event type ${event.type}` };
  }
}
