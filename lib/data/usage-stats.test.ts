import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Aggregations for /my-credits and GET /api/user/credits, against a real database with request
// logs placed at known times around an injected "now".

const { targets, cleanup } = dbTargets("usage-stats");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;

describe.each(targets)("usage statistics on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
  });
  afterAll(() => t.close());

  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const NOW = new Date("2026-05-20T10:30:00Z");

  async function log(
    userId: string,
    at: Date,
    fields: { status?: number; credits?: number; prompt?: number; completion?: number } = {},
  ) {
    const status = fields.status ?? 200;
    await t.db().requestLog.create({
      data: {
        id: `req_${randomUUID()}`,
        userId,
        source: "api",
        endpoint: "openai",
        model: "kimi-k2",
        status,
        stream: false,
        promptTokens: fields.prompt ?? 10,
        completionTokens: fields.completion ?? 20,
        latencyMs: 100,
        credits: fields.credits ?? (status < 400 ? 1 : 0),
        createdAt: at,
      },
    });
  }

  describe("usage by day and hour", () => {
    it("fills 30 days and 48 hours in UTC and counts each request once", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      await log(user.id, new Date("2026-05-20T10:29:59Z")); // this hour
      await log(user.id, new Date("2026-05-20T10:00:00Z")); // this hour, at its first millisecond
      await log(user.id, new Date("2026-05-20T00:00:00Z"), { credits: 3 }); // today's first hour
      await log(user.id, new Date("2026-05-19T23:59:59Z"), { status: 502, prompt: 0, completion: 0 }); // yesterday, an error
      await log(user.id, new Date("2026-04-21T00:00:00Z")); // the oldest day shown
      await log(user.id, new Date("2026-04-20T23:59:59Z")); // just outside the 30 days

      const byDay = await t.usageStats.getUsageByDay({ userId: user.id, now: NOW });
      expect(byDay).toHaveLength(30);
      expect(byDay[0]?.start).toBe("2026-04-21");
      expect(byDay[29]?.start).toBe("2026-05-20");
      expect(byDay[29]).toEqual({ start: "2026-05-20", requests: 3, errors: 0, credits: 5, tokens: 90 });
      expect(byDay[28]).toEqual({ start: "2026-05-19", requests: 1, errors: 1, credits: 0, tokens: 0 });
      expect(byDay[0]).toMatchObject({ requests: 1, credits: 1 });
      expect(byDay.reduce((s, b) => s + b.requests, 0)).toBe(5);

      const byHour = await t.usageStats.getUsageByHour({ userId: user.id, now: NOW });
      expect(byHour).toHaveLength(48);
      expect(byHour[47]).toEqual({
        start: "2026-05-20T10:00:00Z",
        requests: 2,
        errors: 0,
        credits: 2,
        tokens: 60,
      });
      expect(byHour[0]?.start).toBe("2026-05-18T11:00:00Z");
      expect(byHour.find((b) => b.start === "2026-05-20T00:00:00Z")).toMatchObject({
        requests: 1,
        credits: 3,
      });
      expect(byHour.find((b) => b.start === "2026-05-19T23:00:00Z")).toMatchObject({
        requests: 1,
        errors: 1,
      });
      expect(byHour.reduce((s, b) => s + b.requests, 0)).toBe(4);
    });

    it("is empty, not missing, for a user with no requests", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      const byDay = await t.usageStats.getUsageByDay({ userId: user.id, now: NOW });
      expect(byDay.every((b) => b.requests === 0 && b.credits === 0)).toBe(true);
      expect(await t.usageStats.getUsageTotals({ userId: user.id })).toEqual({
        totalRequests: 0,
        successfulRequests: 0,
        totalConsumed: 0,
        totalTokens: 0,
        avgTokensPerRequest: 0,
      });
    });
  });

  describe("totals", () => {
    it("counts consumption from the ledger (net of refunds) and averages tokens over successful requests", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      for (const cost of [1, 1, 2])
        await t.credits.reserveCredits({ userId: user.id, cost, requestId: `req_${randomUUID()}` });
      const refunded = `req_${randomUUID()}`;
      await t.credits.reserveCredits({ userId: user.id, cost: 1, requestId: refunded });
      await t.credits.refundCredits({ userId: user.id, cost: 1, requestId: refunded });
      await log(user.id, new Date(NOW.getTime() - DAY), { prompt: 100, completion: 50 });
      await log(user.id, new Date(NOW.getTime() - 2 * DAY), { prompt: 10, completion: 5 });
      await log(user.id, new Date(NOW.getTime() - 3 * DAY), { prompt: 1, completion: 1 });
      await log(user.id, NOW, { status: 429, prompt: 0, completion: 0 });

      expect(await t.usageStats.getUsageTotals({ userId: user.id })).toEqual({
        totalRequests: 4,
        successfulRequests: 3,
        totalConsumed: 4,
        totalTokens: 167,
        avgTokensPerRequest: 55.7,
      });
    });

    it("the API report has the documented fields", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "password-123" });
      await log(user.id, new Date());
      const report = await t.usageStats.getCreditsReport({ userId: user.id });
      expect(Object.keys(report).sort()).toEqual(
        [
          "object",
          "balance",
          "total_consumed",
          "total_requests",
          "successful_requests",
          "total_tokens",
          "avg_tokens_per_request",
          "usage_by_day",
          "usage_by_hour",
          "grants",
        ].sort(),
      );
      expect(report).toMatchObject({ balance: 100, total_requests: 1, avg_tokens_per_request: 30 });
      expect(report.usage_by_day).toHaveLength(30);
      expect(report.usage_by_hour).toHaveLength(48);
      expect(report.usage_by_hour.at(-1)).toMatchObject({ requests: 1, credits: 1, tokens: 30 });
      expect(report.grants).toEqual([
        {
          id: expect.any(String),
          source: "signup",
          amount: 100,
          remaining: 100,
          expires_at: null,
          created_at: expect.any(String),
        },
      ]);
    });
  });

  describe("ledger pages", () => {
    it("pages newest first with the page count", async () => {
      const user = await t.users.createUser({
        email: testEmail(),
        password: "password-123",
        signupCredits: 1_000,
      });
      for (let i = 0; i < 24; i++)
        await t.credits.reserveCredits({ userId: user.id, cost: 1, requestId: `req_${i}_${randomUUID()}` });
      const pages = await Promise.all(
        [1, 2, 3].map((page) => t.usageStats.listLedger({ userId: user.id, page, pageSize: 10 })),
      );
      expect(pages[0]).toMatchObject({ total: 25, page: 1, pages: 3 });
      expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 5]);
      const rows = pages.flatMap((p) => p.rows);
      // Every row exactly once, newest first (rows written in the same millisecond may tie).
      expect(new Set(rows.map((r) => r.id)).size).toBe(25);
      expect(
        rows.every((r, i) => i === 0 || (rows[i - 1]?.createdAt.getTime() ?? 0) >= r.createdAt.getTime()),
      ).toBe(true);
      expect(rows.filter((r) => r.reason === "charge")).toHaveLength(24);
      expect(rows.at(-1)).toMatchObject({ reason: "grant", delta: 1_000, grantExpiresAt: null });
    });
  });
});
