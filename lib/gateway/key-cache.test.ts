import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The key lookup reads raw SQL on the hot-path connection: its row must come back with the same
// types the ORM would give, on SQLite (dates as text, booleans as 0/1) and PostgreSQL alike.

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "kimi-key-cache-test-"));
const targets = [{ name: "sqlite", env: { DATA_DIR: tempDir, DATABASE_URL: "" } }];
if (process.env.TEST_POSTGRES_URL) {
  targets.push({
    name: "postgresql",
    env: { DATA_DIR: tempDir, DATABASE_URL: process.env.TEST_POSTGRES_URL },
  });
}

afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

async function ensurePostgresDatabase(url: string) {
  const { Client } = await import("pg");
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new Client({
    connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString(),
  });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

describe.each(targets)("lookupApiKey on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let keys: typeof import("@/lib/data/api-keys");
  let users: typeof import("@/lib/data/users");
  let cache: typeof import("@/lib/gateway/key-cache");

  beforeAll(async () => {
    const g = globalThis as { kimiDb?: unknown; kimiMigrated?: unknown };
    delete g.kimiDb;
    delete g.kimiMigrated;
    if (target.env.DATABASE_URL) await ensurePostgresDatabase(target.env.DATABASE_URL);
    Object.assign(process.env, target.env, { LOG_LEVEL: "silent" });
    vi.resetModules();
    dbMod = await import("@/lib/db");
    keys = await import("@/lib/data/api-keys");
    users = await import("@/lib/data/users");
    cache = await import("@/lib/gateway/key-cache");
    await dbMod.ensureMigrated();
    expect(dbMod.dbProvider()).toBe(target.name);
  });

  afterAll(async () => {
    await dbMod.db().$disconnect();
    const g = globalThis as { kimiDb?: unknown; kimiMigrated?: unknown };
    delete g.kimiDb;
    delete g.kimiMigrated;
  });

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
    expect(cache.acceptRevocationMessage({ type: "something-else", keyId: created.id })).toBe(false);
    expect(cache.acceptRevocationMessage(null)).toBe(false);
    expect(cache.acceptRevocationMessage(cache.revocationMessage(created.id))).toBe(true);
    expect((await cache.lookupApiKey(created.key))?.revokedAt).toBeInstanceOf(Date);
  });
});
