import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbTarget, createFundedUser, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Crash recovery of credit reservations against real databases: a charge whose call never
// settled (its instance died) is refunded, or kept when its stream had sent output, and gets its
// log row — exactly once, also with several sweeps racing. Charges are written an hour in the
// past and swept with an hour's bound, so that charges other test files are making right now on
// a shared PostgreSQL database are never in range.

type DbModule = typeof import("@/lib/db");
const HOUR = 3_600_000;

const { targets, cleanup } = dbTargets("reservations");
afterAll(cleanup);

describe.each(targets)("reservation sweep on $name", (target) => {
  let dbMod: DbModule;
  let credits: typeof import("@/lib/data/credits");
  let logs: typeof import("@/lib/data/request-log");
  let reservations: typeof import("@/lib/data/reservations");
  let ids: typeof import("@/lib/ids");
  const db = () => dbMod.db();

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    credits = await import("@/lib/data/credits");
    logs = await import("@/lib/data/request-log");
    reservations = await import("@/lib/data/reservations");
    ids = await import("@/lib/ids");
    // A PostgreSQL test database outlives a run, and servers of the e2e suite sweep it too: the
    // sweep starts over and settles what earlier runs left, out of the tests' range.
    await db().reservationSweep.deleteMany();
    await reservations.sweepReservations({ settledWithinMs: HOUR, now: Date.now() - 1_000 });
  });
  afterAll(() => closeDbTarget(dbMod));

  const newUser = (initial: number) => createFundedUser(dbMod, credits, initial, "sweep");

  /** A reservation made `HOUR` before `now` (+ `offset` ms), as the pipeline makes it. */
  async function oldCharge(
    userId: string,
    now: number,
    { cost = 2, stream = false, offset = -1, apiKeyId = null as string | null } = {},
  ) {
    const at = now - HOUR + offset;
    const requestId = `req_${ids.timeOrderedId(at)}`;
    const call = {
      apiKeyId,
      source: "api" as const,
      endpoint: "anthropic" as const,
      model: "kimi-k2",
      stream,
    };
    await db().creditLedger.create({
      data: {
        id: ids.timeOrderedId(at),
        userId,
        delta: -cost,
        balanceAfter: 0,
        reason: "charge",
        idempotencyKey: `charge:${requestId}`,
        requestId,
        note: reservations.callNote(call),
        createdAt: new Date(at),
      },
    });
    const entry = {
      id: requestId,
      userId,
      ...call,
      upstream: "moonshot",
      status: 200,
      promptTokens: 3,
      completionTokens: 5,
      latencyMs: 10,
      ttfbMs: 5,
      credits: cost,
      errorCode: null,
    };
    return { requestId, cost, entry };
  }

  async function state(userId: string) {
    const { balance } = await db().user.findUniqueOrThrow({
      where: { id: userId },
      select: { balance: true },
    });
    const ledger = await db().creditLedger.findMany({ where: { userId }, orderBy: { id: "asc" } });
    const rows = await db().requestLog.findMany({ where: { userId } });
    return { balance, ledgerSum: ledger.reduce((sum, r) => sum + r.delta, 0), ledger, rows };
  }

  // Each test's "now" is at least a second past the last one's, so that its charges (a few ms
  // around now − HOUR) lie past the mark the last sweep left.
  let clock = 0;
  const tick = () => {
    clock = Math.max(Date.now(), clock + 1_000);
    return clock;
  };

  const sweep = (now: number) => reservations.sweepReservations({ settledWithinMs: HOUR, now });

  it("refunds a reservation no call settled and logs the call as interrupted", async () => {
    const userId = await newUser(10);
    const now = tick();
    // Its key has been deleted since: the row is written without it.
    const { requestId } = await oldCharge(userId, now, { apiKeyId: "key-deleted-since" });

    expect(await sweep(now)).toMatchObject({ refunded: 1, charged: 0 });

    const after = await state(userId);
    expect(after).toMatchObject({ balance: 10, ledgerSum: 10 });
    expect(after.ledger.map((r) => r.reason).sort()).toEqual(["charge", "grant", "refund"]);
    expect(after.rows).toEqual([
      expect.objectContaining({
        id: requestId,
        apiKeyId: null,
        status: 500,
        errorCode: "interrupted",
        credits: 0,
        endpoint: "anthropic",
        model: "kimi-k2",
        createdAt: new Date(now - HOUR - 1),
      }),
    ]);
    expect(await sweep(tick())).toMatchObject({ refunded: 0, charged: 0 });
    expect((await state(userId)).ledger).toHaveLength(3);
  });

  it("keeps a stream charged when its output had gone out", async () => {
    const userId = await newUser(10);
    const now = tick();
    const { requestId, entry } = await oldCharge(userId, now, { stream: true });
    logs.logRequest({ ...entry, errorCode: logs.IN_PROGRESS });
    await logs.flushRequestLogs();

    expect(await sweep(now)).toMatchObject({ refunded: 0, charged: 1 });

    const after = await state(userId);
    expect(after).toMatchObject({ balance: 8, ledgerSum: 8 });
    expect(after.rows).toEqual([
      expect.objectContaining({
        id: requestId,
        status: 500,
        errorCode: "interrupted",
        credits: 2,
        completionTokens: 5,
      }),
    ]);
  });

  it("leaves settled calls and calls still within the bound alone", async () => {
    const userId = await newUser(10);
    const now = tick();
    const charged = await oldCharge(userId, now, { offset: -3 });
    const refunded = await oldCharge(userId, now, { offset: -2 });
    const inFlight = await oldCharge(userId, now, { offset: 1 });
    await credits.refundCredits({ userId, cost: refunded.cost, requestId: refunded.requestId });
    logs.logRequest(charged.entry);
    logs.logRequest({ ...refunded.entry, status: 502, credits: 0, errorCode: "upstream_error" });
    await logs.flushRequestLogs();

    expect(await sweep(now)).toMatchObject({ refunded: 0, charged: 0 });

    const after = await state(userId);
    expect(after).toMatchObject({ balance: 6, ledgerSum: 6 });
    expect(after.rows.find((r) => r.id === inFlight.requestId)).toBeUndefined();
    expect(after.rows.find((r) => r.id === charged.requestId)).toMatchObject({
      status: 200,
      errorCode: null,
    });
    // The call in flight ends, so that the next tests' sweeps leave it alone.
    logs.logRequest(inFlight.entry);
    await logs.flushRequestLogs();
  });

  it("logs a call that was refunded but whose log row was lost, without refunding twice", async () => {
    const userId = await newUser(10);
    const now = tick();
    const { requestId, cost } = await oldCharge(userId, now);
    await credits.refundCredits({ userId, cost, requestId });

    expect(await sweep(now)).toMatchObject({ refunded: 1 });

    const after = await state(userId);
    expect(after).toMatchObject({ balance: 10, ledgerSum: 10 });
    expect(after.ledger.filter((r) => r.reason === "refund")).toHaveLength(1);
    expect(after.rows).toEqual([expect.objectContaining({ id: requestId, errorCode: "interrupted" })]);
  });

  it("settles each call exactly once when several sweeps race", async () => {
    const userId = await newUser(100);
    const now = tick();
    const calls = [];
    for (let i = 0; i < 12; i++)
      calls.push(await oldCharge(userId, now, { offset: -20 + i, stream: i % 3 === 0 }));
    for (const call of calls.filter((c) => c.entry.stream))
      logs.logRequest({ ...call.entry, errorCode: logs.IN_PROGRESS });
    await logs.flushRequestLogs();

    const results = await Promise.all([sweep(now), sweep(now), sweep(now)]);

    expect(results.reduce((sum, r) => sum + r.refunded, 0)).toBe(8);
    expect(results.reduce((sum, r) => sum + r.charged, 0)).toBe(4);
    const after = await state(userId);
    expect(after).toMatchObject({ balance: 100 - 4 * 2, ledgerSum: 100 - 4 * 2 });
    expect(after.ledger.filter((r) => r.reason === "refund")).toHaveLength(8);
    expect(after.rows).toHaveLength(12);
    expect(after.rows.every((r) => r.errorCode === "interrupted")).toBe(true);
  });

  it("a call's final row replaces the row the sweep wrote for it", async () => {
    const userId = await newUser(10);
    const now = tick();
    const { requestId, entry } = await oldCharge(userId, now, { stream: true });
    logs.logRequest({ ...entry, errorCode: logs.IN_PROGRESS });
    await logs.flushRequestLogs();
    await sweep(now);

    logs.logRequest({ ...entry, completionTokens: 9 });
    logs.logRequest({ ...entry, completionTokens: 11 });
    await logs.flushRequestLogs();

    expect((await state(userId)).rows).toEqual([
      expect.objectContaining({ id: requestId, status: 200, errorCode: null, completionTokens: 11 }),
    ]);
  });
});
