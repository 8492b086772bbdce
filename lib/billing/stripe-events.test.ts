import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// What a verified Stripe event does: only our pending checkout, at its price, grants credits;
// anything else is acknowledged as ignored and logged with the event and session ids.

const { targets, cleanup } = dbTargets("stripe-events");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let stripe: typeof import("@/lib/billing/stripe");
let logger: typeof import("@/lib/logger")["logger"];

describe.each(targets)("Stripe events on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
    stripe = await import("@/lib/billing/stripe");
    ({ logger } = await import("@/lib/logger"));
  });
  afterAll(() => t.close());

  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function buyerWithCheckout() {
    const user = await t.users.createUser({
      email: testEmail(),
      password: "password-123",
      signupCredits: 100,
    });
    const { findPackage } = await import("@/lib/billing/packages");
    const pkg = findPackage("premium");
    if (!pkg) throw new Error("no premium package");
    const sessionId = `cs_test_${randomUUID().replaceAll("-", "")}`;
    await t.purchases.createPendingPurchase({ userId: user.id, pkg, provider: "stripe", sessionId });
    return { userId: user.id, sessionId };
  }

  function completed(session: Record<string, unknown>): Stripe.Event {
    return {
      id: `evt_${randomUUID().replaceAll("-", "")}`,
      type: "checkout.session.completed",
      data: {
        object: {
          object: "checkout.session",
          metadata: { package: "premium" },
          amount_total: 5999,
          currency: "usd",
          payment_status: "paid",
          ...session,
        },
      },
    } as unknown as Stripe.Event;
  }

  describe("handleStripeEvent", () => {
    it.each([
      { name: "a session we never created", session: (_sid: string) => ({ id: "cs_test_not_ours" }) },
      {
        name: "another user's client_reference_id",
        session: (sid: string) => ({ id: sid, client_reference_id: "someone-else" }),
      },
      { name: "0 JPY", session: (sid: string) => ({ id: sid, amount_total: 0, currency: "jpy" }) },
      { name: "not a session of ours at all", session: (sid: string) => ({ id: sid, metadata: {} }) },
    ])("$name: ignored, logged, nothing granted", async ({ session }) => {
      const { userId, sessionId } = await buyerWithCheckout();
      const warn = vi.spyOn(logger, "warn");
      const event = completed({ client_reference_id: userId, ...session(sessionId) });
      expect(await stripe.handleStripeEvent(event)).toMatchObject({ result: "ignored" });
      const id = (event.data.object as { id: string }).id;
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: event.id, sessionId: id }),
        expect.any(String),
      );
      const user = await t.db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
      expect(user.balance).toBe(100);
      const rows = await t.db().purchase.findMany({ where: { userId } });
      expect(rows.map((r) => r.status)).toEqual(["pending"]);
    });

    it("our checkout, paid at its price: fulfilled once, then a duplicate", async () => {
      const { userId, sessionId } = await buyerWithCheckout();
      const event = completed({ id: sessionId, client_reference_id: userId });
      expect(await stripe.handleStripeEvent(event)).toMatchObject({ result: "fulfilled" });
      expect(await stripe.handleStripeEvent(event)).toMatchObject({ result: "duplicate" });
      const user = await t.db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
      expect(user.balance).toBe(20_100);
    });
  });
});
