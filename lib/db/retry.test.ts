import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableDbError, withDbRetry } from "@/lib/db/retry";

const adapterError = (cause: Record<string, unknown>) => ({
  code: "P2010",
  message: "Raw query failed",
  meta: { driverAdapterError: { cause } },
});

describe("isRetryableDbError", () => {
  it.each([
    ["Prisma P2034 (write conflict / deadlock)", { code: "P2034" }, true],
    ["Prisma P2028 (transaction expired)", { code: "P2028", message: "Transaction API error" }, true],
    ["Prisma P1008 (SQLite busy via libsql)", { code: "P1008" }, true],
    ["adapter TransactionWriteConflict", adapterError({ kind: "TransactionWriteConflict" }), true],
    ["adapter SocketTimeout (SQLITE_BUSY)", adapterError({ kind: "SocketTimeout" }), true],
    ["PostgreSQL 40001 in the adapter", adapterError({ kind: "postgres", originalCode: "40001" }), true],
    ["PostgreSQL 40P01 in the adapter", adapterError({ kind: "postgres", originalCode: "40P01" }), true],
    ["pg's own 40001", { code: "40001" }, true],
    ["libsql SQLITE_BUSY", { code: "SQLITE_BUSY", message: "database is locked" }, true],
    ["libsql SQLITE_BUSY_SNAPSHOT", { code: "SQLITE_BUSY_SNAPSHOT" }, true],
    ["wrapped in a cause", new Error("outer", { cause: { code: "P2034" } }), true],
    ["a unique violation", { code: "P2002" }, false],
    ["insufficient credits", new Error("insufficient_credits"), false],
    ["PostgreSQL 23505", adapterError({ kind: "postgres", originalCode: "23505" }), false],
    ["a plain error", new Error("boom"), false],
    ["not an object", "SQLITE_BUSY", false],
    ["null", null, false],
  ])("%s → %s", (_label, error, expected) => {
    expect(isRetryableDbError(error)).toBe(expected);
  });
});

describe("backoffDelay", () => {
  it.each([
    [1, 1, 50],
    [2, 1, 100],
    [3, 0.5, 100],
    [7, 1, 2_000],
    [20, 1, 2_000],
    [4, 0, 0],
  ])("retry %i with random %d → %i ms", (retry, random, expected) => {
    expect(backoffDelay(retry, () => random, 50, 2_000)).toBe(expected);
  });
});

describe("withDbRetry", () => {
  const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });

  it("runs again after a lost race and returns the eventual result", async () => {
    const waits: number[] = [];
    let runs = 0;
    const result = await withDbRetry(
      async () => {
        runs++;
        if (runs < 3) throw busy;
        return "done";
      },
      { random: () => 1, wait: async (ms) => waits.push(ms) },
    );
    expect({ result, runs, waits }).toEqual({ result: "done", runs: 3, waits: [50, 100] });
  });

  it("gives up after the last attempt with the database's error", async () => {
    let runs = 0;
    const failing = withDbRetry(
      async () => {
        runs++;
        throw busy;
      },
      { attempts: 4, wait: async () => undefined },
    );
    await expect(failing).rejects.toBe(busy);
    expect(runs).toBe(4);
  });

  it("never retries any other error", async () => {
    let runs = 0;
    const unique = { code: "P2002" };
    await expect(
      withDbRetry(
        async () => {
          runs++;
          throw unique;
        },
        { wait: async () => undefined },
      ),
    ).rejects.toBe(unique);
    expect(runs).toBe(1);
  });
});
