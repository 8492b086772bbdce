import { describe, expect, it } from "vitest";
import { nextRedisState, type RedisEvent, type RedisState, reconnectDelay } from "@/lib/redis-state";

describe("nextRedisState", () => {
  const cases: [RedisState, RedisEvent, RedisState, "down" | "up" | undefined][] = [
    ["connecting", "ready", "up", undefined],
    ["connecting", "error", "down", "down"],
    ["connecting", "close", "down", "down"],
    ["up", "ready", "up", undefined],
    ["up", "error", "down", "down"],
    ["up", "close", "down", "down"],
    ["up", "end", "down", "down"],
    ["down", "error", "down", undefined],
    ["down", "close", "down", undefined],
    ["down", "end", "down", undefined],
    ["down", "ready", "up", "up"],
  ];
  it.each(cases)("%s + %s → %s (announce %s)", (state, event, next, announce) => {
    expect(nextRedisState(state, event)).toEqual(announce ? { state: next, announce } : { state: next });
  });

  it("announces one 'down' for a hundred failed reconnect attempts, then one 'up'", () => {
    let state: RedisState = "up";
    const announced: string[] = [];
    const events: RedisEvent[] = [
      ...Array.from({ length: 100 }, () => ["error", "close"] as const).flat(),
      "ready",
    ];
    for (const event of events) {
      const t = nextRedisState(state, event);
      state = t.state;
      if (t.announce) announced.push(t.announce);
    }
    expect(announced).toEqual(["down", "up"]);
  });
});

describe("reconnectDelay", () => {
  it.each([
    [1, 50],
    [2, 100],
    [3, 200],
    [5, 800],
    [6, 1_600],
    [7, 2_000],
    [1_000, 2_000],
  ])("attempt %i waits %i ms", (times, ms) => {
    expect(reconnectDelay(times)).toBe(ms);
  });
});
