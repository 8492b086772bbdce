import "server-only";
import { randomBytes } from "node:crypto";
import { fulfilPurchase } from "@/lib/billing/payments";
import type { CreditPackage } from "@/lib/billing/policy";
import type { FulfilPurchaseResult } from "@/lib/data/purchases";
import { createPendingPurchase, findPurchaseBySession } from "@/lib/data/purchases";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Test mode (payment mode "test", lib/billing/payment-mode.ts): checkout is a page of our own,
// clearly labelled as taking no real payment, whose "Pay" fulfils through the same fulfilPurchase
// as Stripe's webhook. In any other mode it is refused, so a real deployment never hands out free
// credits: a production server has it only when the operator turns it on.

export const TEST_SESSION_PREFIX = "test_cs_";

export function testCheckoutPath(sessionId: string): string {
  return `/billing/test-checkout/${encodeURIComponent(sessionId)}`;
}

function assertTestMode() {
  const mode = env().PAYMENT_MODE;
  if (mode === "off") throw new AppError("payments_not_configured");
  if (mode === "stripe") {
    throw new AppError("forbidden", "Test mode is off: this deployment takes payments through Stripe.");
  }
}

/** A pending test-mode purchase with a random session id, and where to pay for it. */
export async function createTestCheckout({ userId, pkg }: { userId: string; pkg: CreditPackage }) {
  assertTestMode();
  const sessionId = `${TEST_SESSION_PREFIX}${randomBytes(24).toString("base64url")}`;
  await createPendingPurchase({ userId, pkg, provider: "test", sessionId });
  return { sessionId, url: testCheckoutPath(sessionId) };
}

/** "Pay" on the test checkout page: fulfils the user's own pending test session, once. */
export async function payTestCheckout({
  userId,
  sessionId,
}: {
  userId: string;
  sessionId: string;
}): Promise<FulfilPurchaseResult> {
  assertTestMode();
  const purchase = await findPurchaseBySession({ userId, sessionId });
  if (purchase?.provider !== "test") throw new AppError("not_found", "No such test checkout session.");
  return fulfilPurchase({
    provider: "test",
    sessionId,
    userId,
    packageId: purchase.packageId,
    amountCents: purchase.amountCents,
    currency: purchase.currency,
  });
}
