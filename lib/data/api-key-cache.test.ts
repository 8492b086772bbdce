import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { childMessageHandler } from "@/lib/ipc";
import { closeDbTarget, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The key lookup reads raw SQL on the hot-path connection: its row must come back with the same
// types the ORM would give, on SQLite (dates as text, booleans as 0/1) and PostgreSQL alike.

const { targets, cleanup } = dbTargets("key-cache");
afterAll(cleanup);

describe.each(targets)("lookupApiKey on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let keys: typeof import("@/lib/data/api-keys");
  let users: typeof import("@/lib/data/users");
  let cache: typeof import("@/lib/data/api-key-cache");

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    keys = await import("@/lib/data/api-keys");
    users = await import("@/lib/data/users");
    cache = await import("@/lib/data/api-key-cache");
  });

  afterAll(() => closeDbTarget(dbMod));

  async function account(credits: number) {
    return users.createUser({
      email: `keys-${randomUUID()}@test.kimi.local`,
      password: "a-long-password",
      signupCredits: credits,
    });
  }

  it("returns the key with its account's balance, typed as the ORM would type them", async () => {
    const user = await account(42);
    const expiresAt = new Date(Date.now() + 86_400_000);
    const created = await keys.createApiKey({ userId: user.id, name: "typed", expiresAt });
    await dbMod.db().apiKey.update({ where: { id: created.id }, data: { rateLimitPerMinute: 7 } });
    const found = await cache.lookupApiKey(created.key);
    expect(found).toMatchObject({
      id: created.id,
      userId: user.id,
      revokedAt: null,
      rateLimitPerMinute: 7,
      rateLimitDisabled: false,
      user: { balance: 42, nextExpiryAt: null },
    });
    expect(found?.expiresAt).toBeInstanceOf(Date);
    expect(found?.expiresAt?.getTime()).toBe(expiresAt.getTime());
  });

  it("reads the no-rate-limit flag as a boolean and a grant's expiry as a Date", async () => {
    const user = await account(0);
    const expiry = new Date(Date.now() + 3_600_000);
    await dbMod.db().user.update({ where: { id: user.id }, data: { nextExpiryAt: expiry } });
    const created = await keys.createApiKey({ userId: user.id, name: "operator", rateLimitDisabled: true });
    const found = await cache.lookupApiKey(created.key);
    expect(found?.rateLimitDisabled).toBe(true);
    expect(found?.rateLimitPerMinute).toBeNull();
    expect(found?.user.nextExpiryAt?.getTime()).toBe(expiry.getTime());
  });

  it("cachedApiKey answers from the cache alone: nothing before a lookup, the same entry after", async () => {
    const user = await account(3);
    const created = await keys.createApiKey({ userId: user.id, name: "cached" });
    expect(cache.cachedApiKey(created.key)).toBeUndefined();
    const found = await cache.lookupApiKey(created.key);
    expect(cache.cachedApiKey(created.key)).toBe(found);
    expect(cache.cachedApiKey("not-a-key")).toBeUndefined();
    cache.dropFromCache(created.id);
    expect(cache.cachedApiKey(created.key)).toBeUndefined();
  });

  it("knows nothing of an unknown or malformed key", async () => {
    expect(await cache.lookupApiKey(`sk-kimi-${"x".repeat(40)}`)).toBeNull();
    expect(await cache.lookupApiKey("not-a-key")).toBeNull();
  });

  it("a revocation message from a child process drops the cached key at once", async () => {
    const user = await account(5);
    const created = await keys.createApiKey({ userId: user.id, name: "to revoke" });
    expect((await cache.lookupApiKey(created.key))?.revokedAt).toBeNull();
    // Revoked by another process (as the dashboard's Next.js child does): this one's cache still has it.
    await dbMod.db().apiKey.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    expect((await cache.lookupApiKey(created.key))?.revokedAt).toBeNull();
    const accept = childMessageHandler({ keyRevoked: cache.dropFromCache });
    expect(accept({ type: "something-else", keyId: created.id })).toBe(false);
    expect(accept(null)).toBe(false);
    expect(accept({ type: "kimi:api-key-revoked", keyId: created.id })).toBe(true);
    expect((await cache.lookupApiKey(created.key))?.revokedAt).toBeInstanceOf(Date);
  });
});
