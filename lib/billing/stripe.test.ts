import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findPackage } from "@/lib/billing/packages";
import {
  checkoutSessionParams,
  readCheckoutSession,
  stripeCheckoutEnabled,
  verifyStripeEvent,
} from "@/lib/billing/stripe";
import { resetEnvForTests } from "@/lib/env";

vi.mock("server-only", () => ({}));

// The Stripe side that runs without Stripe's servers: what we ask Checkout for, which
// configuration turns it on, and offline signature verification.

const SECRET = "whsec_unit_test_secret";
const helper = new Stripe("sk_test_unit_offline");

function setStripeEnv(vars: { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string }) {
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret";
  process.env.STRIPE_SECRET_KEY = vars.STRIPE_SECRET_KEY ?? "";
  process.env.STRIPE_WEBHOOK_SECRET = vars.STRIPE_WEBHOOK_SECRET ?? "";
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

describe("stripeCheckoutEnabled", () => {
  it.each([
    { keys: {}, enabled: false },
    { keys: { STRIPE_WEBHOOK_SECRET: SECRET }, enabled: false },
    { keys: { STRIPE_SECRET_KEY: "sk_test_x" }, enabled: false },
    { keys: { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: SECRET }, enabled: true },
  ])("$keys → $enabled", ({ keys, enabled }) => {
    setStripeEnv(keys);
    expect(stripeCheckoutEnabled()).toBe(enabled);
  });
});

describe("verifyStripeEvent", () => {
  const payload = JSON.stringify({
    id: "evt_1",
    object: "event",
    type: "checkout.session.completed",
    data: { object: {} },
  });

  it("verifies with only the webhook secret configured (no secret key)", () => {
    setStripeEnv({ STRIPE_WEBHOOK_SECRET: SECRET });
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
