import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findPackage } from "@/lib/billing/packages";
import { checkoutSessionParams, readCheckoutSession, verifyStripeEvent } from "@/lib/billing/stripe";
import { env, resetEnvForTests } from "@/lib/env";

vi.mock("server-only", () => ({}));

// The Stripe side that runs without Stripe's servers: what we ask Checkout for, which
// configuration turns it on, and offline signature verification.

const SECRET = "whsec_unit_test_secret";
const helper = new Stripe("sk_test_unit_offline");

interface PaymentVars {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  PAYMENTS_TEST_MODE?: string;
  NODE_ENV?: string;
}

function setStripeEnv(vars: PaymentVars) {
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret";
  process.env.STRIPE_SECRET_KEY = vars.STRIPE_SECRET_KEY ?? "";
  process.env.STRIPE_WEBHOOK_SECRET = vars.STRIPE_WEBHOOK_SECRET ?? "";
  process.env.PAYMENTS_TEST_MODE = vars.PAYMENTS_TEST_MODE ?? "";
  Object.assign(process.env, { NODE_ENV: vars.NODE_ENV ?? "test" });
  resetEnvForTests();
}

afterEach(() => {
  setStripeEnv({});
});

describe("checkoutSessionParams", () => {
  it("asks for a one-off payment of the package price in cents, tied to the user and package", () => {
    const pkg = findPackage("premium");
    if (!pkg) throw new Error("no premium package");
    const params = checkoutSessionParams({
      userId: "user_1",
      email: "a@b.example",
      pkg,
      origin: "https://kimi.example",
    });
    expect(params).toMatchObject({
      mode: "payment",
      client_reference_id: "user_1",
      customer_email: "a@b.example",
      metadata: { package: "premium" },
      success_url: "https://kimi.example/billing/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://kimi.example/billing/cancel?session_id={CHECKOUT_SESSION_ID}",
    });
    expect(params.line_items).toEqual([
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 5_999,
          product_data: { name: "Premium — 20,000 credits", description: pkg.description },
        },
      },
    ]);
  });
});

// The environment as lib/env.ts reads it: the mode, or a start-up error naming the variable.
describe("env().PAYMENT_MODE", () => {
  const both = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: SECRET };
  it.each([
    { vars: {}, mode: "test" },
    { vars: { NODE_ENV: "development" }, mode: "test" },
    { vars: { NODE_ENV: "production" }, mode: "off" },
    { vars: { NODE_ENV: "production", PAYMENTS_TEST_MODE: "on" }, mode: "test" },
    { vars: { PAYMENTS_TEST_MODE: "off" }, mode: "off" },
    { vars: both, mode: "stripe" },
    { vars: { ...both, NODE_ENV: "production" }, mode: "stripe" },
    { vars: { ...both, PAYMENTS_TEST_MODE: "off" }, mode: "stripe" },
  ])("$vars → $mode", ({ vars, mode }) => {
    setStripeEnv(vars);
    expect(env().PAYMENT_MODE).toBe(mode);
  });

  it.each([
    { vars: { STRIPE_WEBHOOK_SECRET: SECRET }, names: "STRIPE_SECRET_KEY: is required" },
    { vars: { STRIPE_SECRET_KEY: "sk_test_x" }, names: "STRIPE_WEBHOOK_SECRET: is required" },
    {
      vars: { STRIPE_SECRET_KEY: "sk_test_x", NODE_ENV: "production" },
      names: "STRIPE_WEBHOOK_SECRET: is required",
    },
    { vars: { ...both, PAYMENTS_TEST_MODE: "on" }, names: "PAYMENTS_TEST_MODE: cannot be on" },
    { vars: { PAYMENTS_TEST_MODE: "yes" }, names: "PAYMENTS_TEST_MODE" },
  ])("$vars is refused, naming $names", ({ vars, names }) => {
    setStripeEnv(vars);
    expect(() => env()).toThrow(names);
    expect(() => env()).not.toThrow("sk_test_x");
  });
});

describe("verifyStripeEvent", () => {
  const payload = JSON.stringify({
    id: "evt_1",
    object: "event",
    type: "checkout.session.completed",
    data: { object: {} },
  });

  it("verifies offline, with the webhook secret alone", () => {
    const header = helper.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect(verifyStripeEvent(payload, header, SECRET)).toMatchObject({
      id: "evt_1",
      type: "checkout.session.completed",
    });
  });

  it.each([
    {
      name: "wrong secret",
      header: () => helper.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" }),
      body: payload,
    },
    {
      name: "stale",
      header: () =>
        helper.webhooks.generateTestHeaderString({
          payload,
          secret: SECRET,
          timestamp: Math.floor(Date.now() / 1000) - 301,
        }),
      body: payload,
    },
    {
      name: "tampered",
      header: () => helper.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
      body: payload.replace("evt_1", "evt_2"),
    },
    { name: "garbage", header: () => "nonsense", body: payload },
  ])("rejects a $name signature as invalid_request", ({ header, body }) => {
    expect(() => verifyStripeEvent(body, header(), SECRET)).toThrow(
      expect.objectContaining({ code: "invalid_request" }),
    );
  });
});

describe("readCheckoutSession", () => {
  const ours = {
    id: "cs_test_1",
    client_reference_id: "user_1",
    metadata: { package: "standard" },
    amount_total: 2999,
    currency: "usd",
    payment_status: "paid",
  };

  it("reads a session of ours", () => {
    expect(readCheckoutSession(ours)).toEqual(ours);
  });

  it.each([
    { name: "no client_reference_id", session: { ...ours, client_reference_id: null } },
    { name: "no package", session: { ...ours, metadata: {} } },
    { name: "unknown package", session: { ...ours, metadata: { package: "gold" } } },
    { name: "no amount", session: { ...ours, amount_total: null } },
    { name: "not an object", session: "cs_test_1" },
  ])("returns null for $name", ({ session }) => {
    expect(readCheckoutSession(session)).toBeNull();
  });
});
