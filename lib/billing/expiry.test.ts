import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Purchased credits are grants with the package's expiry, checked with an injected clock.

const { targets, cleanup } = dbTargets("expiry");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;

describe.each(targets)("credit expiry on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
  });
  afterAll(() => t.close());

  const DAY = 86_400_000;

  /** A test-mode checkout (its pending row), paid at the package's price. */
  async function buy(userId: string, packageId: string, now: Date) {
    const { findPackage } = await import("@/lib/billing/packages");
    const pkg = findPackage(packageId);
    if (!pkg) throw new Error(`no ${packageId} package`);
    const sessionId = `test_cs_${randomUUID()}`;
    await t.purchases.createPendingPurchase({ userId, pkg, provider: "test", sessionId });
    const result = await t.payments.fulfilPurchase({
      provider: "test",
      sessionId,
      userId,
      packageId,
      amountCents: pkg.priceCents,
      currency: "usd",
      now,
    });
    expect(result.status).toBe("fulfilled");
  }

  async function spend(userId: string, cost: number) {
    await t.credits.reserveCredits({ userId, cost, requestId: `req_${randomUUID()}` });
  }

  function bySource(
    grants: Array<{ source: string; remaining: number; expiresAt: Date | null; amount: number }>,
  ) {
    return grants.map((g) => ({
      source: g.source,
      amount: g.amount,
      remaining: g.remaining,
      expiresAt: g.expiresAt,
    }));
  }

  describe("purchased credits expire", () => {
    it("Standard credits stop counting after a month; Starter and sign-up credits stay", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      const t0 = new Date();
      await buy(user.id, "starter", t0);
      await buy(user.id, "standard", t0);
      await spend(user.id, 1_000);

      const day1 = await t.credits.getCreditSummary({ userId: user.id, now: new Date(t0.getTime() + DAY) });
      expect(day1.balance).toBe(100 + 500 + 5_000 - 1_000);
      // The spend came out of the only grant that expires.
      expect(bySource(day1.grants)).toEqual(
        expect.arrayContaining([
          { source: "signup", amount: 100, remaining: 100, expiresAt: null },
          { source: "purchase", amount: 500, remaining: 500, expiresAt: null },
          { source: "purchase", amount: 5_000, remaining: 4_000, expiresAt: expect.any(Date) },
        ]),
      );
      const standardExpiry = day1.grants.find((g) => g.amount === 5_000)?.expiresAt;
      expect(standardExpiry?.getTime()).toBeGreaterThan(t0.getTime() + 27 * DAY);
      expect(standardExpiry?.getTime()).toBeLessThanOrEqual(t0.getTime() + 31 * DAY);

      // The day before expiry nothing has changed…
      const before = await t.credits.getCreditSummary({
        userId: user.id,
        now: new Date((standardExpiry as Date).getTime() - 1),
      });
      expect(before.balance).toBe(4_600);

      // …and once it has passed, what was left of the Standard grant is gone, with a ledger row.
      const after = await t.credits.getCreditSummary({
        userId: user.id,
        now: new Date((standardExpiry as Date).getTime() + 60_000),
      });
      expect(after.balance).toBe(600);
      expect(bySource(after.grants).sort((a, b) => a.amount - b.amount)).toEqual([
        { source: "signup", amount: 100, remaining: 100, expiresAt: null },
        { source: "purchase", amount: 500, remaining: 500, expiresAt: null },
      ]);
      const ledger = await t.db().creditLedger.findMany({ where: { userId: user.id } });
      const expiry = ledger.filter((r) => r.reason === "expiry");
      expect(expiry).toHaveLength(1);
      expect(expiry[0]?.delta).toBe(-4_000);
      expect(ledger.reduce((s, r) => s + r.delta, 0)).toBe(600);

      // The ledger page shows the grant's expiry next to its grant row and the expiry row.
      const page = await t.usageStats.listLedger({ userId: user.id });
      const standardRows = page.rows.filter((r) => r.grantExpiresAt?.getTime() === standardExpiry?.getTime());
      expect(standardRows.map((r) => r.reason).sort()).toEqual(["expiry", "grant"]);
      expect(standardRows.every((r) => r.grantExpiredAt instanceof Date)).toBe(true);

      // Years later the no-expiry credits still count.
      const later = await t.credits.getCreditSummary({
        userId: user.id,
        now: new Date(t0.getTime() + 3_650 * DAY),
      });
      expect(later.balance).toBe(600);
    });

    it("spends the soonest-expiring grant first", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      const t0 = new Date();
      await buy(user.id, "premium", t0); // expires in a month
      await buy(user.id, "standard", new Date(t0.getTime() - 10 * DAY)); // bought earlier: expires first
      await buy(user.id, "starter", t0); // never expires
      await spend(user.id, 6_000);

      const summary = await t.credits.getCreditSummary({ userId: user.id, now: t0 });
      expect(summary.balance).toBe(100 + 20_000 + 5_000 + 500 - 6_000);
      const remaining = Object.fromEntries(summary.grants.map((g) => [g.amount, g.remaining]));
      expect(remaining).toEqual({ 5000: 0, 20000: 19_000, 500: 500, 100: 100 });

      // The earlier Standard grant expiring takes nothing more away: it was spent first.
      const afterStandard = await t.credits.getCreditSummary({
        userId: user.id,
        now: new Date(t0.getTime() + 22 * DAY),
      });
      expect(afterStandard.balance).toBe(19_600);
    });
  });
});
