import "server-only";
import { headers } from "next/headers";
import { findPackage } from "@/lib/billing/packages";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";
import { findEmailRecipient, issueEmailToken } from "@/lib/data/email-tokens";
import { claimReceipt, releaseReceipt } from "@/lib/data/purchases";
import { logger } from "@/lib/logger";
import { linkOrigin, sendEmail } from "./send";
import { passwordResetEmail, receiptEmail, verifyEmail } from "./templates";
import { EMAIL_TOKEN_TTL_MS } from "./token";

// What the app emails, and when. Each function does its lookups and sends itself, so a route can
// start it without awaiting it: the answer then takes as long whether or not a message goes out.

/** Starts work a response must not wait for (or reveal): failures are logged, never thrown. */
export function inBackground(kind: string, work: () => Promise<unknown>): void {
  void work().catch((error: unknown) => {
    logger.error({ kind, err: error instanceof Error ? error.message : String(error) }, "email work failed");
  });
}

/** The origin for links, from the current request when there is one. */
async function currentLinkOrigin(): Promise<string> {
  try {
    return linkOrigin(await headers());
  } catch {
    return linkOrigin(new Headers());
  }
}

/** A reset link to the address's account, if there is one; nothing (and no sign of it) otherwise. */
export async function sendPasswordReset({ email, origin }: { email: string; origin: string }) {
  const user = await findEmailRecipient({ email });
  if (!user) return;
  const token = await issueEmailToken({ userId: user.id, purpose: "password_reset" });
  const link = `${origin}/reset-password?token=${token}`;
  const minutes = EMAIL_TOKEN_TTL_MS.password_reset / 60_000;
  await sendEmail({ to: user.email, message: passwordResetEmail({ link, minutes }) });
}

/** A confirmation link for the user's address. */
export async function sendVerification({
  userId,
  email,
  origin,
}: {
  userId: string;
  email: string;
  origin: string;
}) {
  const token = await issueEmailToken({ userId, purpose: "verify_email" });
  const link = `${origin}/verify-email?token=${token}`;
  await sendEmail({ to: email, message: verifyEmail({ link, credits: SIGNUP_CREDITS }) });
}

/**
 * The receipt of a paid purchase, at most once: the purchase is claimed for its receipt before the
 * send, and released if the send fails, so that a retried fulfilment sends it then.
 */
export async function sendReceiptOnce({ purchaseId }: { purchaseId: string }): Promise<void> {
  const origin = await currentLinkOrigin();
  const receipt = await claimReceipt({ purchaseId });
  if (!receipt) return;
  try {
    await sendEmail({
      to: receipt.email,
      message: receiptEmail({
        purchaseId: receipt.id,
        packageName: findPackage(receipt.packageId)?.name ?? receipt.packageId,
        credits: receipt.credits,
        amountCents: receipt.amountCents,
        currency: receipt.currency,
        paidAt: receipt.fulfilledAt ?? new Date(),
        expiresAt: receipt.expiresAt,
        link: `${origin}/billing/receipts/${encodeURIComponent(receipt.id)}`,
      }),
    });
  } catch (error) {
    await releaseReceipt({ purchaseId });
    throw error;
  }
}
