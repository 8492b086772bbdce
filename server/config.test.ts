import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { MODELS } from "@/lib/providers/catalog";
import { nextHeadersTimeoutMs } from "./config";

describe("nextHeadersTimeoutMs", () => {
  it("gives Next as long as the playground's slowest honest wait: every route's first-byte timeout, and a minute", () => {
    const firstByte = env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS;
    for (const model of MODELS)
      expect(nextHeadersTimeoutMs()).toBeGreaterThanOrEqual(model.routes.length * firstByte + 60_000);
    // kimi-k2 has three routes, the most of any model.
    expect(nextHeadersTimeoutMs()).toBe(3 * firstByte + 60_000);
  });
});
