import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const { targets, cleanup } = dbTargets("payments");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;

describe.each(targets)("payments on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
  });
  afterAll(() => t.close());

  async function newUser(options: { credits?: number; inviteCode?: string } = {}) {
    return t.users.createUser({
      email: testEmail(),
      password: "password-123",
      signupCredits: options.credits ?? 100,
      inviteCode: options.inviteCode,
    });
  }

  function sessionId() {
    return `cs_test_${randomUUID().replaceAll("-", "")}`;
  }

  const PRICES: Record<string, number> = { starter: 499, standard: 2999, premium: 5999 };

  /** The pending row checkout records before the customer pays (only such a session is fulfilled). */
  async function pending(
    userId: string,
    packageId: string,
    { provider = "stripe", sid = sessionId() }: { provider?: "stripe" | "test"; sid?: string } = {},
  ) {
    const { findPackage } = await import("@/lib/billing/packages");
    const pkg = findPackage(packageId);
    if (!pkg) throw new Error(`no ${packageId} package`);
    await t.purchases.createPendingPurchase({ userId, pkg, provider, sessionId: sid });
    return sid;
  }

  async function state(userId: string) {
    const user = await t.db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
    const ledger = await t.db().creditLedger.findMany({ where: { userId } });
    const purchases = await t.db().purchase.findMany({ where: { userId } });
    const grants = await t.db().creditGrant.findMany({ where: { userId } });
    return {
      balance: user.balance,
      ledgerSum: ledger.reduce((s, r) => s + r.delta, 0),
      ledger,
      purchases,
      grants,
    };
  }

  /** A real database failure for one user's grants: a trigger that aborts the insert. */
  async function failGrantsFor(userId: string) {
    const name = `e2e_fail_${userId.replace(/[^a-z0-9]/gi, "")}`;
    if (t.provider === "postgresql") {
      await t
        .db()
        .$executeRawUnsafe(
          `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
        );
      await t
        .db()
        .$executeRawUnsafe(
          `CREATE TRIGGER ${name} BEFORE INSERT ON "CreditGrant" FOR EACH ROW WHEN (NEW."userId" = '${userId}') EXECUTE FUNCTION ${name}()`,
        );
      return async () => {
        await t.db().$executeRawUnsafe(`DROP TRIGGER ${name} ON "CreditGrant"`);
        await t.db().$executeRawUnsafe(`DROP FUNCTION ${name}()`);
      };
    }
    await t
      .db()
      .$executeRawUnsafe(
        `CREATE TRIGGER ${name} BEFORE INSERT ON "CreditGrant" WHEN NEW."userId" = '${userId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
    return async () => {
      await t.db().$executeRawUnsafe(`DROP TRIGGER ${name}`);
    };
  }

  describe("fulfilPurchase", () => {
    it("records the purchase and grants the package's credits with its expiry, in one go", async () => {
      const user = await newUser();
      const now = new Date("2026-03-15T12:00:00Z");
      const sid = await pending(user.id, "standard");
      const result = await t.payments.fulfilPurchase({
        provider: "stripe",
        sessionId: sid,
        userId: user.id,
        packageId: "standard",
        amountCents: 2999,
        currency: "USD",
        now,
      });
      expect(result).toMatchObject({
        status: "fulfilled",
        credits: 5000,
        balance: 5100,
        inviteRewarded: false,
      });
      const s = await state(user.id);
      expect(s).toMatchObject({ balance: 5100, ledgerSum: 5100 });
      expect(s.purchases).toHaveLength(1);
      expect(s.purchases[0]).toMatchObject({
        status: "paid",
        provider: "stripe",
        providerSessionId: sid,
        packageId: "standard",
        credits: 5000,
        amountCents: 2999,
        currency: "usd",
        fulfilledAt: now,
      });
      const grant = s.grants.find((g) => g.source === "purchase");
      expect(grant).toMatchObject({
        amount: 5000,
        expiresAt: new Date("2026-04-15T12:00:00Z"),
        reference: sid,
      });
      expect(s.purchases[0]?.grantId).toBe(grant?.id);
      const row = s.ledger.find((r) => r.idempotencyKey === `purchase:${sid}`);
      expect(row).toMatchObject({
        delta: 5000,
        reason: "grant",
        purchaseId: s.purchases[0]?.id,
        grantId: grant?.id,
      });
    });

    it("a Starter purchase never expires", async () => {
      const user = await newUser();
      await t.payments.fulfilPurchase({
        provider: "stripe",
        sessionId: await pending(user.id, "starter"),
        userId: user.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
      });
      const grant = (await state(user.id)).grants.find((g) => g.source === "purchase");
      expect(grant).toMatchObject({ amount: 500, expiresAt: null });
    });

    it("the same session delivered 10 times at once grants once; the rest are duplicates", async () => {
      const user = await newUser();
      const sid = await pending(user.id, "premium");
      const input = {
        provider: "stripe" as const,
        sessionId: sid,
        userId: user.id,
        packageId: "premium",
        amountCents: 5999,
        currency: "usd",
      };
      const results = await Promise.all(Array.from({ length: 10 }, () => t.payments.fulfilPurchase(input)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "duplicate")).toHaveLength(9);
      expect(new Set(results.map((r) => r.purchaseId)).size).toBe(1);
      const s = await state(user.id);
      expect(s.purchases).toHaveLength(1);
      expect(s.ledger.filter((r) => r.idempotencyKey.startsWith("purchase:"))).toHaveLength(1);
      expect(s).toMatchObject({ balance: 20_100, ledgerSum: 20_100 });
      // A late redelivery still grants nothing.
      expect(await t.payments.fulfilPurchase(input)).toMatchObject({ status: "duplicate" });
      expect((await state(user.id)).balance).toBe(20_100);
    });

    it("turns a pending test-mode row into the paid purchase (no second row)", async () => {
      const user = await newUser();
      const { findPackage } = await import("@/lib/billing/packages");
      const pkg = findPackage("starter");
      if (!pkg) throw new Error("no starter package");
      const sid = `test_cs_${randomUUID()}`;
      const pending = await t.purchases.createPendingPurchase({
        userId: user.id,
        pkg,
        provider: "test",
        sessionId: sid,
      });
      expect(pending.status).toBe("pending");
      const result = await t.payments.fulfilPurchase({
        provider: "test",
        sessionId: sid,
        userId: user.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
      });
      expect(result).toMatchObject({ status: "fulfilled", purchaseId: pending.id });
      const s = await state(user.id);
      expect(s.purchases).toHaveLength(1);
      expect(s.purchases[0]).toMatchObject({ id: pending.id, status: "paid" });
      expect(s.balance).toBe(600);
    });

    it("a session belonging to another user is never fulfilled for this one", async () => {
      const owner = await newUser();
      const other = await newUser();
      const sid = await pending(owner.id, "starter");
      await t.payments.fulfilPurchase({
        provider: "stripe",
        sessionId: sid,
        userId: owner.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
      });
      await expect(
        t.payments.fulfilPurchase({
          provider: "stripe",
          sessionId: sid,
          userId: other.id,
          packageId: "starter",
          amountCents: 499,
          currency: "usd",
        }),
      ).rejects.toMatchObject({ code: "not_found" });
      expect((await state(other.id)).balance).toBe(100);
    });

    it.each([
      { name: "unknown package", patch: { packageId: "gold" }, code: "invalid_request" },
      { name: "fractional amount", patch: { amountCents: 12.5 }, code: "invalid_request" },
      { name: "negative amount", patch: { amountCents: -1 }, code: "invalid_request" },
      { name: "empty session id", patch: { sessionId: "" }, code: "invalid_request" },
      { name: "unknown user", patch: { userId: "no-such-user" }, code: "not_found" },
    ])("refuses bad input: $name", async ({ patch, code }) => {
      const user = await newUser();
      const input = {
        provider: "stripe" as const,
        sessionId: await pending(user.id, "starter"),
        userId: user.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
        ...patch,
      };
      await expect(t.payments.fulfilPurchase(input)).rejects.toMatchObject({ code });
      const after = await state(user.id);
      expect(after).toMatchObject({ balance: 100, ledgerSum: 100 });
      expect(after.purchases.map((p) => p.status)).toEqual(["pending"]);
    });

    it("a database failure propagates and leaves nothing behind; the retry grants once", async () => {
      const user = await newUser();
      const sid = await pending(user.id, "standard");
      const input = {
        provider: "stripe" as const,
        sessionId: sid,
        userId: user.id,
        packageId: "standard",
        amountCents: 2999,
        currency: "usd",
      };
      const restore = await failGrantsFor(user.id);
      try {
        // (Prisma's message for a trigger's abort varies by driver; any error must propagate.)
        await expect(t.payments.fulfilPurchase(input)).rejects.toThrow();
        const failed = await state(user.id);
        expect(failed).toMatchObject({ balance: 100, ledgerSum: 100 });
        // The checkout's own row is all there is, still pending.
        expect(failed.purchases.map((p) => [p.providerSessionId, p.status])).toEqual([[sid, "pending"]]);
        expect(failed.grants.filter((g) => g.source === "purchase")).toHaveLength(0);
      } finally {
        await restore();
      }
      expect(await t.payments.fulfilPurchase(input)).toMatchObject({ status: "fulfilled", credits: 5000 });
      expect(await t.payments.fulfilPurchase(input)).toMatchObject({ status: "duplicate" });
      const after = await state(user.id);
      expect(after).toMatchObject({ balance: 5100, ledgerSum: 5100 });
      expect(after.purchases).toHaveLength(1);
    });
  });

  // Only a checkout we started, paid in full: the attacks a correctly signed webhook could carry.
  describe("fulfilPurchase refuses what is not our pending checkout at its price", () => {
    it.each([
      { name: "a session we never created", patch: { sessionId: "cs_test_never_made" }, code: "not_found" },
      { name: "another user's session", patch: { userId: "other" }, code: "not_found" },
      { name: "0 JPY", patch: { amountCents: 0, currency: "jpy" }, code: "invalid_request" },
      { name: "the price in another currency", patch: { currency: "jpy" }, code: "invalid_request" },
      { name: "0 USD", patch: { amountCents: 0 }, code: "invalid_request" },
      { name: "a cent short", patch: { amountCents: 2998 }, code: "invalid_request" },
      { name: "a cent over", patch: { amountCents: 3000 }, code: "invalid_request" },
      {
        name: "another package than the one checked out",
        patch: { packageId: "premium", amountCents: 5999 },
        code: "not_found",
      },
      {
        name: "a Stripe session paid through test mode",
        patch: { provider: "test" as const },
        code: "not_found",
      },
    ])("$name → $code, nothing granted, the checkout still pending", async ({ patch, code }) => {
      const buyer = await newUser();
      const other = await newUser();
      const sid = await pending(buyer.id, "standard");
      const input = {
        provider: "stripe" as const,
        sessionId: sid,
        userId: buyer.id,
        packageId: "standard",
        amountCents: 2999,
        currency: "usd",
        ...patch,
        ...(patch.userId ? { userId: other.id } : {}),
      };
      await expect(t.payments.fulfilPurchase(input)).rejects.toMatchObject({ code });
      for (const id of [buyer.id, other.id]) {
        const s = await state(id);
        expect(s).toMatchObject({ balance: 100, ledgerSum: 100 });
        expect(s.grants.filter((g) => g.source === "purchase")).toHaveLength(0);
      }
      expect((await state(buyer.id)).purchases.map((p) => p.status)).toEqual(["pending"]);
      expect(await t.db().purchase.count({ where: { userId: other.id } })).toBe(0);
      // The genuine payment for that checkout still goes through.
      expect(
        await t.payments.fulfilPurchase({
          provider: "stripe",
          sessionId: sid,
          userId: buyer.id,
          packageId: "standard",
          amountCents: 2999,
          currency: "USD",
        }),
      ).toMatchObject({ status: "fulfilled", credits: 5000 });
    });
  });

  describe("invite payout", () => {
    it("pays the inviter 500 credits on the invitee's first purchase only", async () => {
      const inviter = await newUser();
      const invitee = await newUser({ inviteCode: inviter.inviteCode });
      const afterSignup = (await state(inviter.id)).balance; // 100 + 50 for the sign-up
      expect(afterSignup).toBe(150);

      const first = await t.payments.fulfilPurchase({
        provider: "stripe",
        sessionId: await pending(invitee.id, "starter"),
        userId: invitee.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
      });
      expect(first).toMatchObject({ status: "fulfilled", inviteRewarded: true });
      expect((await state(inviter.id)).balance).toBe(650);

      const second = await t.payments.fulfilPurchase({
        provider: "stripe",
        sessionId: await pending(invitee.id, "premium"),
        userId: invitee.id,
        packageId: "premium",
        amountCents: 5999,
        currency: "usd",
      });
      expect(second).toMatchObject({ status: "fulfilled", inviteRewarded: false });
      const inviterState = await state(inviter.id);
      expect(inviterState).toMatchObject({ balance: 650, ledgerSum: 650 });
      expect(inviterState.grants.filter((g) => g.source === "invite_purchase")).toHaveLength(1);
      const rewards = await t.db().inviteReward.findMany({ where: { inviteeId: invitee.id } });
      expect(rewards.map((r) => [r.kind, r.credits, r.inviterId]).sort()).toEqual([
        ["first_purchase", 500, inviter.id],
        ["signup", 50, inviter.id],
      ]);
      expect(rewards.every((r) => r.createdAt instanceof Date && !Number.isNaN(r.createdAt.getTime()))).toBe(
        true,
      );
    });

    it("two first purchases fulfilled at once still pay once", async () => {
      const inviter = await newUser();
      const invitee = await newUser({ inviteCode: inviter.inviteCode });
      const packages = ["starter", "standard", "premium"];
      const sessions = await Promise.all(packages.map((packageId) => pending(invitee.id, packageId)));
      const results = await Promise.all(
        packages.map((packageId, i) =>
          t.payments.fulfilPurchase({
            provider: "stripe",
            sessionId: sessions[i] as string,
            userId: invitee.id,
            packageId,
            amountCents: PRICES[packageId] as number,
            currency: "usd",
          }),
        ),
      );
      expect(results.every((r) => r.status === "fulfilled")).toBe(true);
      expect(results.filter((r) => r.status === "fulfilled" && r.inviteRewarded)).toHaveLength(1);
      expect((await state(inviter.id)).balance).toBe(650);
    });

    it("a buyer nobody invited pays nobody", async () => {
      const buyer = await newUser();
      const result = await t.payments.fulfilPurchase({
        provider: "test",
        sessionId: await pending(buyer.id, "starter", { provider: "test" }),
        userId: buyer.id,
        packageId: "starter",
        amountCents: 499,
        currency: "usd",
      });
      expect(result).toMatchObject({ status: "fulfilled", inviteRewarded: false });
      expect(await t.db().inviteReward.count({ where: { inviteeId: buyer.id } })).toBe(0);
    });
  });
});
