import { describe, expect, it } from "vitest";
import { RATE_LIMIT_TIERS } from "./policy";
import { tierForBalance } from "./tiers";

describe("tierForBalance", () => {
  it.each([
    [0, 20, 600, 5_000],
    [1, 20, 600, 5_000],
    [100, 20, 600, 5_000],
    [101, 60, 2_000, 20_000],
    [1_000, 60, 2_000, 20_000],
    [1_001, 200, 6_000, 50_000],
    [10_000, 200, 6_000, 50_000],
    [10_001, 500, 15_000, 100_000],
    [5_000_000, 500, 15_000, 100_000],
  ])("a balance of %d gets %d/min, %d/hour, %d/day", (balance, perMinute, perHour, perDay) => {
    expect(tierForBalance(balance)).toMatchObject({ perMinute, perHour, perDay });
  });

  it("a negative balance (never stored, but defensive) falls back to the lowest tier", () => {
    expect(tierForBalance(-5)).toBe(RATE_LIMIT_TIERS[0]);
  });

  it("the tiers cover every balance without gaps or overlaps", () => {
    for (let i = 1; i < RATE_LIMIT_TIERS.length; i++) {
      const previous = RATE_LIMIT_TIERS[i - 1];
      const tier = RATE_LIMIT_TIERS[i];
      expect(tier?.minBalance).toBe((previous?.maxBalance ?? Number.NaN) + 1);
      expect(tier?.perMinute).toBeGreaterThan(previous?.perMinute ?? Number.POSITIVE_INFINITY);
    }
    expect(RATE_LIMIT_TIERS.at(-1)?.maxBalance).toBeNull();
  });
});
