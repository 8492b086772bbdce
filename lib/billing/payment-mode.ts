// How this deployment takes payments, decided here and nowhere else (lib/env.ts calls it at start):
//   stripe — both Stripe variables set: real Checkout, credits only from Stripe's signed webhook.
//   test   — no Stripe, test mode on: a labelled checkout of our own that takes no money.
//   off    — no Stripe, test mode off (a production server's default): nothing can be bought.
// Test mode hands out credits for nothing, so a production server has it only when asked for.

export type PaymentMode = "stripe" | "test" | "off";

export interface PaymentSettings {
  NODE_ENV: "development" | "test" | "production";
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  /** As set; unset means on outside production, off in production. */
  PAYMENTS_TEST_MODE?: "on" | "off";
}

/** A variable that makes the configuration invalid, and why. */
export interface PaymentConfigError {
  variable: string;
  message: string;
}

export function resolvePaymentMode(
  settings: PaymentSettings,
): { mode: PaymentMode; error?: undefined } | { mode?: undefined; error: PaymentConfigError } {
  const secretKey = Boolean(settings.STRIPE_SECRET_KEY);
  const webhookSecret = Boolean(settings.STRIPE_WEBHOOK_SECRET);
  if (secretKey !== webhookSecret) {
    const [missing, present] = secretKey
      ? ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"]
      : ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"];
    return {
      error: {
        variable: missing,
        message: `is required when ${present} is set (Stripe needs both; set neither to go without Stripe)`,
      },
    };
  }
  if (secretKey) {
    if (settings.PAYMENTS_TEST_MODE === "on") {
      return {
        error: {
          variable: "PAYMENTS_TEST_MODE",
          message: "cannot be on while Stripe is configured (test mode would hand out free credits)",
        },
      };
    }
    return { mode: "stripe" };
  }
  const testMode = settings.PAYMENTS_TEST_MODE ?? (settings.NODE_ENV === "production" ? "off" : "on");
  return { mode: testMode === "on" ? "test" : "off" };
}
