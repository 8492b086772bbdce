import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbTarget, createFundedUser, dbTargets, openDbTarget } from "@/test/db";

// "server-only" refuses imports outside a React Server build; these are plain Node tests.
vi.mock("server-only", () => ({}));

// Real databases on a shared 2-core machine: a busy moment must not fail a correct test.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The credit ledger against real databases: a fresh SQLite file always, and PostgreSQL too when
// TEST_POSTGRES_URL is set (a database that is not configured is not a case, never a "pass").
// The guarantees under test: a reservation is one conditional write that can never take a balance
// below zero whatever the concurrency; every change is a ledger row; the ledger sum equals the
// balance; grants are spent soonest-expiring first and stop counting once expired.

type DbModule = typeof import("@/lib/db");
type CreditsModule = typeof import("@/lib/data/credits");

const { targets, cleanup } = dbTargets("credits");
afterAll(cleanup);

const HOUR = 3_600_000;

describe.each(targets)("credits on $name", (target) => {
  let dbMod: DbModule;
  let credits: CreditsModule;
  const db = () => dbMod.db();

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    credits = await import("@/lib/data/credits");
  });

  afterAll(() => closeDbTarget(dbMod));

  const newUser = (initial = 0) => createFundedUser(dbMod, credits, initial, "credits");

  async function state(userId: string) {
    const { balance } = await db().user.findUniqueOrThrow({
      where: { id: userId },
      select: { balance: true },
    });
    const rows = await db().creditLedger.findMany({ where: { userId } });
    return { balance, ledgerSum: rows.reduce((sum, r) => sum + r.delta, 0), rows };
  }

  // Request ids are global idempotency keys, and a PostgreSQL test database outlives a run: every
  // id here is made unique (random, or derived from the fresh user's id).
  const reserve = (userId: string, requestId: string = randomUUID(), cost = 1) =>
    credits.reserveCredits({ userId, cost, requestId });

  async function settled<T>(promises: Promise<T>[]) {
    const results = await Promise.allSettled(promises);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    return {
      fulfilled: results.length - rejected.length,
      reasons: rejected.map((r) => r.reason as { code?: string }),
    };
  }

  describe("reserve and refund", () => {
    it("a reservation takes the cost, writes one charge row and returns the balance after", async () => {
      const userId = await newUser(10);
      const requestId = `${userId}-r1`;
      expect(await reserve(userId, requestId, 3)).toBe(7);
      const s = await state(userId);
      expect(s).toMatchObject({ balance: 7, ledgerSum: 7 });
      const charge = s.rows.find((r) => r.reason === "charge");
      expect(charge).toMatchObject({
        delta: -3,
        balanceAfter: 7,
        requestId,
        idempotencyKey: `charge:${requestId}`,
      });
    });

    it("a reservation larger than the balance is refused, leaving balance and ledger untouched", async () => {
      const userId = await newUser(2);
      await expect(reserve(userId, randomUUID(), 3)).rejects.toMatchObject({
        code: "insufficient_credits",
        status: 403,
      });
      const s = await state(userId);
      expect(s).toMatchObject({ balance: 2, ledgerSum: 2 });
      expect(s.rows).toHaveLength(1);
    });

    it.each([
      { initial: 0, cost: 1 },
      { initial: 2, cost: 3 },
      { initial: 4, cost: 5 },
    ])(
      "a refusal carries the database's balance ($initial credits, cost $cost)",
      async ({ initial, cost }) => {
        const userId = await newUser(initial);
        await expect(reserve(userId, randomUUID(), cost)).rejects.toMatchObject({
          code: "insufficient_credits",
          balance: initial,
        });
      },
    );

    it("a user with no credits cannot reserve, and an unknown user is not found", async () => {
      const userId = await newUser(0);
      await expect(reserve(userId)).rejects.toMatchObject({ code: "insufficient_credits" });
      await expect(reserve("no-such-user")).rejects.toMatchObject({ code: "not_found" });
    });

    it("the same request id cannot be charged twice", async () => {
      const userId = await newUser(5);
      const requestId = `${userId}-dup`;
      await reserve(userId, requestId);
      await expect(reserve(userId, requestId)).rejects.toBeDefined();
      expect(await state(userId)).toMatchObject({ balance: 4, ledgerSum: 4 });
    });

    it("a refund gives the reservation back once, however often it is called", async () => {
      const userId = await newUser(5);
      const requestId = `${userId}-req`;
      await reserve(userId, requestId, 2);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => credits.refundCredits({ userId, cost: 2, requestId })),
      );
      expect(results.filter((r) => r === 5)).toHaveLength(1);
      expect(results.filter((r) => r === undefined)).toHaveLength(4);
      const s = await state(userId);
      expect(s).toMatchObject({ balance: 5, ledgerSum: 5 });
      expect(s.rows.filter((r) => r.reason === "refund")).toHaveLength(1);
    });
  });

  describe("concurrency", () => {
    it("5 credits and 50 parallel reservations: exactly 5 succeed, balance 0, ledger sum = balance", async () => {
      const userId = await newUser(5);
      const { fulfilled, reasons } = await settled(Array.from({ length: 50 }, () => reserve(userId)));
      expect(fulfilled).toBe(5);
      expect(reasons).toHaveLength(45);
      expect(reasons.every((r) => r.code === "insufficient_credits")).toBe(true);
      const s = await state(userId);
      expect(s).toMatchObject({ balance: 0, ledgerSum: 0 });
      expect(s.rows.filter((r) => r.reason === "charge")).toHaveLength(5);
      expect(s.rows.every((r) => r.balanceAfter >= 0)).toBe(true);
    });

    it("reservations, refunds and grants racing: never negative, ledger sum = balance, counts add up", async () => {
      const userId = await newUser(5);
      const grants = Array.from({ length: 10 }, (_, i) =>
        credits.grantCredits({
          userId,
          amount: 1,
          source: "operator",
          idempotencyKey: `race-${userId}-${i}`,
        }),
      );
      const spends = Array.from({ length: 40 }, async (_, i) => {
        const requestId = `${userId}-${i}`;
        await reserve(userId, requestId);
        // Every fourth request "fails upstream" and is refunded, as the pipeline does.
        if (i % 4 === 0) await credits.refundCredits({ userId, cost: 1, requestId });
        return i;
      });
      const [grantResults, spendResults] = await Promise.all([Promise.all(grants), settled(spends)]);
      expect(grantResults.every((g) => g.granted)).toBe(true);
      const s = await state(userId);
      const charges = s.rows.filter((r) => r.reason === "charge").length;
      const refunds = s.rows.filter((r) => r.reason === "refund").length;
      expect(charges).toBe(spendResults.fulfilled);
      expect(s.balance).toBe(5 + 10 - charges + refunds);
      expect(s.ledgerSum).toBe(s.balance);
      expect(s.balance).toBeGreaterThanOrEqual(0);
      expect(s.rows.every((r) => r.balanceAfter >= 0)).toBe(true);
      expect(spendResults.reasons.every((r) => r.code === "insufficient_credits")).toBe(true);
    });

    it("the same grant delivered 10 times in parallel is granted once", async () => {
      const userId = await newUser(0);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          credits.grantCredits({
            userId,
            amount: 50,
            source: "purchase",
            idempotencyKey: `purchase:${userId}`,
          }),
        ),
      );
      expect(results.filter((r) => r.granted)).toHaveLength(1);
      expect(await state(userId)).toMatchObject({ balance: 50, ledgerSum: 50 });
      expect(await db().creditGrant.count({ where: { userId } })).toBe(1);
    });
  });

  describe("the database enforces the ledger, whoever writes", () => {
    it("a raw ledger insert that would go below zero is refused by the trigger", async () => {
      const userId = await newUser(1);
      const insert = (delta: number) => db().$executeRaw`
        INSERT INTO "CreditLedger" ("id", "userId", "delta", "balanceAfter", "reason", "idempotencyKey", "createdAt")
        VALUES (${randomUUID()}, ${userId}, ${delta}, 0, 'charge', ${randomUUID()}, ${new Date()})`;
      await expect(insert(-2)).rejects.toThrow(/insufficient_credits/);
      await insert(-1);
      expect(await state(userId)).toMatchObject({ balance: 0, ledgerSum: 0 });
    });

    it("a balance cannot be set negative directly", async () => {
      const userId = await newUser(1);
      await expect(
        db().$executeRaw`UPDATE "User" SET "balance" = -1 WHERE "id" = ${userId}`,
      ).rejects.toThrow();
      expect((await state(userId)).balance).toBe(1);
    });

    it("ledger rows can be neither changed nor deleted", async () => {
      const userId = await newUser(3);
      await expect(
        db().$executeRaw`UPDATE "CreditLedger" SET "delta" = 1000 WHERE "userId" = ${userId}`,
      ).rejects.toThrow(/append_only/);
      await expect(db().$executeRaw`DELETE FROM "CreditLedger" WHERE "userId" = ${userId}`).rejects.toThrow(
        /append_only/,
      );
      expect(await state(userId)).toMatchObject({ balance: 3, ledgerSum: 3 });
    });
  });

  describe("grants", () => {
    it("rejects a grant that is not a positive integer", async () => {
      const userId = await newUser(0);
      for (const amount of [0, -5, 1.5]) {
        await expect(
          credits.grantCredits({ userId, amount, source: "operator", idempotencyKey: randomUUID() }),
        ).rejects.toMatchObject({ code: "invalid_request" });
      }
      expect(await state(userId)).toMatchObject({ balance: 0, ledgerSum: 0 });
    });

    it("spending is taken from the soonest-expiring grant first", async () => {
      const now = Date.now();
      const userId = await newUser(10);
      const later = await credits.grantCredits({
        userId,
        amount: 3,
        source: "purchase",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + 2 * HOUR),
      });
      const sooner = await credits.grantCredits({
        userId,
        amount: 5,
        source: "purchase",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + HOUR),
      });
      for (let i = 0; i < 6; i++) await reserve(userId);
      const summary = await credits.getCreditSummary({ userId, now: new Date(now) });
      expect(summary.balance).toBe(12);
      const remaining = Object.fromEntries(summary.grants.map((g) => [g.id, g.remaining]));
      expect(remaining[sooner.grantId as string]).toBe(0);
      expect(remaining[later.grantId as string]).toBe(2);
      expect(summary.grants.find((g) => g.source === "signup")?.remaining).toBe(10);
      expect(summary.grants.reduce((sum, g) => sum + g.remaining, 0)).toBe(summary.balance);
    });

    it("a refund after an allocation goes back to a grant, and the totals still match", async () => {
      const now = Date.now();
      const userId = await newUser(0);
      await credits.grantCredits({
        userId,
        amount: 4,
        source: "purchase",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + HOUR),
      });
      await reserve(userId, `${userId}-a`);
      await reserve(userId, `${userId}-b`);
      expect((await credits.getCreditSummary({ userId, now: new Date(now) })).grants[0]?.remaining).toBe(2);
      await credits.refundCredits({ userId, cost: 1, requestId: `${userId}-a` });
      const summary = await credits.getCreditSummary({ userId, now: new Date(now) });
      expect(summary.balance).toBe(3);
      expect(summary.grants[0]?.remaining).toBe(3);
    });

    it("expired grants stop counting: what is left of them leaves the balance as an expiry row", async () => {
      const now = Date.now();
      const userId = await newUser(10);
      const sooner = await credits.grantCredits({
        userId,
        amount: 5,
        source: "purchase",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + HOUR),
      });
      const later = await credits.grantCredits({
        userId,
        amount: 3,
        source: "purchase",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + 2 * HOUR),
      });
      expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).nextExpiryAt?.getTime()).toBe(
        now + HOUR,
      );
      for (let i = 0; i < 6; i++) await reserve(userId);

      // The sooner grant was used up: expiring it removes nothing.
      const next = await credits.expireGrants({ userId, now: new Date(now + 1.5 * HOUR) });
      expect(next?.getTime()).toBe(now + 2 * HOUR);
      expect(await state(userId)).toMatchObject({ balance: 12, ledgerSum: 12 });

      // The later grant had 2 left: they expire.
      expect(await credits.expireGrants({ userId, now: new Date(now + 3 * HOUR) })).toBeNull();
      const s = await state(userId);
      expect(s).toMatchObject({ balance: 10, ledgerSum: 10 });
      const expiries = s.rows.filter((r) => r.reason === "expiry");
      expect(expiries).toHaveLength(1);
      expect(expiries[0]).toMatchObject({ delta: -2, grantId: later.grantId });
      const grants = await db().creditGrant.findMany({ where: { userId } });
      expect(grants.find((g) => g.id === sooner.grantId)?.expiredAt).not.toBeNull();
      expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).nextExpiryAt).toBeNull();

      // Sweeping again changes nothing.
      await credits.expireGrants({ userId, now: new Date(now + 4 * HOUR) });
      expect(await state(userId)).toMatchObject({ balance: 10, ledgerSum: 10 });
    });

    it("getCreditSummary sweeps grants that have expired by `now`", async () => {
      const now = Date.now();
      const userId = await newUser(0);
      await credits.grantCredits({
        userId,
        amount: 7,
        source: "operator",
        idempotencyKey: randomUUID(),
        expiresAt: new Date(now + HOUR),
      });
      const summary = await credits.getCreditSummary({ userId, now: new Date(now + 2 * HOUR) });
      expect(summary.balance).toBe(0);
      expect(summary.grants).toHaveLength(0);
      expect(await state(userId)).toMatchObject({ balance: 0, ledgerSum: 0 });
    });
  });
});
