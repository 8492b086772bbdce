import { describe, expect, it } from "vitest";
import { type PaymentSettings, resolvePaymentMode } from "@/lib/billing/payment-mode";

// Which payment mode a configuration means, and which configurations are refused at start.

const SK = "sk_test_x";
const WH = "whsec_x";

describe("resolvePaymentMode", () => {
  it.each<[string, PaymentSettings, string]>([
    ["development, nothing set", { NODE_ENV: "development" }, "test"],
    ["tests, nothing set", { NODE_ENV: "test" }, "test"],
    ["production, nothing set", { NODE_ENV: "production" }, "off"],
    ["production, test mode asked for", { NODE_ENV: "production", PAYMENTS_TEST_MODE: "on" }, "test"],
    ["development, test mode turned off", { NODE_ENV: "development", PAYMENTS_TEST_MODE: "off" }, "off"],
    [
      "both Stripe keys",
      { NODE_ENV: "production", STRIPE_SECRET_KEY: SK, STRIPE_WEBHOOK_SECRET: WH },
      "stripe",
    ],
    [
      "both Stripe keys in development (test mode's default yields)",
      { NODE_ENV: "development", STRIPE_SECRET_KEY: SK, STRIPE_WEBHOOK_SECRET: WH },
      "stripe",
    ],
    [
      "both Stripe keys, test mode off",
      { NODE_ENV: "production", STRIPE_SECRET_KEY: SK, STRIPE_WEBHOOK_SECRET: WH, PAYMENTS_TEST_MODE: "off" },
      "stripe",
    ],
    [
      "empty Stripe keys count as unset",
      { NODE_ENV: "production", STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "" },
      "off",
    ],
  ])("%s → %s", (_name, settings, mode) => {
    expect(resolvePaymentMode(settings)).toEqual({ mode });
  });

  it.each<[string, PaymentSettings, string]>([
    ["only the secret key", { NODE_ENV: "production", STRIPE_SECRET_KEY: SK }, "STRIPE_WEBHOOK_SECRET"],
    [
      "only the secret key, test mode on",
      { NODE_ENV: "development", STRIPE_SECRET_KEY: SK, PAYMENTS_TEST_MODE: "on" },
      "STRIPE_WEBHOOK_SECRET",
    ],
    ["only the webhook secret", { NODE_ENV: "production", STRIPE_WEBHOOK_SECRET: WH }, "STRIPE_SECRET_KEY"],
    [
      "only the webhook secret, in development",
      { NODE_ENV: "development", STRIPE_WEBHOOK_SECRET: WH },
      "STRIPE_SECRET_KEY",
    ],
    [
      "Stripe and test mode on together",
      { NODE_ENV: "production", STRIPE_SECRET_KEY: SK, STRIPE_WEBHOOK_SECRET: WH, PAYMENTS_TEST_MODE: "on" },
      "PAYMENTS_TEST_MODE",
    ],
  ])("%s is refused, naming %s", (_name, settings, variable) => {
    const result = resolvePaymentMode(settings);
    expect(result.mode).toBeUndefined();
    expect(result.error?.variable).toBe(variable);
    expect(result.error?.message).not.toContain(SK);
    expect(result.error?.message).not.toContain(WH);
  });
});
