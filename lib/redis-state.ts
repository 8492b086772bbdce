// Whether Redis is reachable, as seen from a client's connection events, and which changes deserve
// a log line: only the transitions (down, back up), never each failed reconnect attempt.

export type RedisState = "connecting" | "up" | "down";
export type RedisEvent = "ready" | "error" | "close" | "end";

export interface RedisTransition {
  state: RedisState;
  /** Set when this event changes whether Redis is usable: the one line to log. */
  announce?: "down" | "up";
}

export function nextRedisState(state: RedisState, event: RedisEvent): RedisTransition {
  if (event === "ready") return state === "down" ? { state: "up", announce: "up" } : { state: "up" };
  return state === "down" ? { state } : { state: "down", announce: "down" };
}

/** ioredis' delay before reconnect attempt `times`: quick at first, then every 2 s, for ever. */
export function reconnectDelay(times: number): number {
  return Math.min(50 * 2 ** Math.max(0, times - 1), 2_000);
}
