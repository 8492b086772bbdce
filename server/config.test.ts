import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { catalogModels } from "@/lib/providers/catalog";
import { nextHeadersTimeoutMs, reservationSettledWithinMs } from "./config";

describe("nextHeadersTimeoutMs", () => {
  it("gives Next as long as the playground's slowest honest wait: every route's first-byte timeout, and a minute", () => {
    const firstByte = env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS;
    for (const model of catalogModels())
      expect(nextHeadersTimeoutMs()).toBeGreaterThanOrEqual(model.routes.length * firstByte + 60_000);
    // kimi-k2 has three routes, the most of any model.
    expect(nextHeadersTimeoutMs()).toBe(3 * firstByte + 60_000);
  });
});

describe("reservationSettledWithinMs", () => {
  it("outlasts any call without output: every route's first-byte timeout, then the idle timeout", () => {
    const { UPSTREAM_FIRST_BYTE_TIMEOUT_MS, UPSTREAM_IDLE_TIMEOUT_MS } = env();
    for (const model of catalogModels())
      expect(reservationSettledWithinMs()).toBeGreaterThan(
        model.routes.length * UPSTREAM_FIRST_BYTE_TIMEOUT_MS + UPSTREAM_IDLE_TIMEOUT_MS,
      );
  });
});
