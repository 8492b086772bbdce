import "server-only";
import { findPackage } from "@/lib/billing/packages";
import { INVITE_PURCHASE_REWARD, PACKAGE_CURRENCY } from "@/lib/billing/policy";
import { type FulfilPurchaseResult, fulfilPendingPurchase } from "@/lib/data/purchases";
import { inBackground, sendReceiptOnce } from "@/lib/email/flows";
import { AppError } from "@/lib/errors";

// Fulfilment: the ONE place a paid checkout turns into credits, for Stripe's webhook and for
// test mode alike. Only a checkout we started is fulfilled: our pending purchase row for that
// provider, session, user and package, paid at exactly the package's price and currency; anything
// else (a session we never made, another user's, 0 JPY) is refused before a write. Exactly once
// per session (lib/data/purchases.ts: fulfilPendingPurchase); any other failure propagates, so
// the caller answers 5xx and Stripe retries. Each fulfilment (a duplicate too) then sends the
// purchase's receipt unless it went out already (lib/email/flows.ts: sendReceiptOnce).

export interface FulfilPurchaseInput {
  provider: "stripe" | "test";
  /** The Checkout Session id (or the test-mode session id). */
  sessionId: string;
  userId: string;
  packageId: string;
  /** What was actually paid, integer cents. */
  amountCents: number;
  currency: string;
  /** Injected clock (tests); the grant's expiry counts from here. */
  now?: Date;
}

export async function fulfilPurchase(input: FulfilPurchaseInput): Promise<FulfilPurchaseResult> {
  const pkg = findPackage(input.packageId);
  if (!pkg)
    throw new AppError("invalid_request", `Unknown package "${input.packageId}".`, { param: "package" });
  if (!Number.isInteger(input.amountCents) || input.amountCents < 0) {
    throw new AppError("invalid_request", "amountCents must be a non-negative integer.", {
      param: "amountCents",
    });
  }
  if (!input.sessionId)
    throw new AppError("invalid_request", "sessionId is required.", { param: "sessionId" });
  const currency = input.currency.toLowerCase();
  if (input.amountCents !== pkg.priceCents || currency !== PACKAGE_CURRENCY) {
    throw new AppError("invalid_request", "The amount paid is not the package's price.", {
      param: "amountCents",
    });
  }

  const result = await fulfilPendingPurchase({
    provider: input.provider,
    sessionId: input.sessionId,
    userId: input.userId,
    pkg,
    amountCents: input.amountCents,
    currency,
    inviteReward: INVITE_PURCHASE_REWARD,
    now: input.now ?? new Date(),
  });
  // A duplicate too: the first fulfilment's send may have failed, and this retry is its chance.
  const { purchaseId } = result;
  inBackground("receipt", () => sendReceiptOnce({ purchaseId }));
  return result;
}
