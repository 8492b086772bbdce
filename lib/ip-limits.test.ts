import net from "node:net";
import { RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A limiter whose Redis is unreachable counts in-process at once, and the outage is logged once.

vi.mock("server-only", () => ({}));
const warn = vi.fn();
vi.mock("@/lib/logger", () => ({ logger: { warn, error: vi.fn(), info: vi.fn(), debug: vi.fn() } }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let ipLimits: typeof import("@/lib/ip-limits");
let redisModule: typeof import("@/lib/redis");
const saved = process.env.REDIS_URL;

beforeAll(async () => {
  process.env.REDIS_URL = `redis://127.0.0.1:${await closedPort()}`;
  vi.resetModules();
  ipLimits = await import("@/lib/ip-limits");
  redisModule = await import("@/lib/redis");
});

afterAll(() => {
  redisModule.redis()?.disconnect();
  process.env.REDIS_URL = saved;
});

describe("limiter() with Redis down", () => {
  it("allows up to its points, then refuses, each answer without waiting for Redis", async () => {
    const limit = ipLimits.limiter("test-down", 2, 60);
    const started = performance.now();
    await expect(limit.consume("a")).resolves.toMatchObject({ consumedPoints: 1 });
    await expect(limit.consume("a")).resolves.toMatchObject({ consumedPoints: 2 });
    await expect(limit.consume("a")).rejects.toBeInstanceOf(RateLimiterRes);
    await expect(limit.get("a")).resolves.toMatchObject({ consumedPoints: 3 });
    await expect(limit.delete("a")).resolves.toBe(true);
    // The first connection attempt is refused at once; later commands do not queue.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("logs the outage once, not once per call or reconnect attempt", async () => {
    const limit = ipLimits.limiter("test-down-log", 1_000, 60);
    for (let i = 0; i < 50; i++) await limit.consume(`k${i}`);
    await expect.poll(() => redisModule.redis()?.status).toBe("reconnecting");
    const downs = warn.mock.calls.filter(([fields]) => (fields as { redis?: string }).redis === "down");
    expect(downs).toHaveLength(1);
    expect(await redisModule.redisCheck(500)).toBe("unavailable");
  });
});
