import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The one helper of every database test: a fresh SQLite file always, and PostgreSQL too when
// TEST_POSTGRES_URL is set (a database that is not configured is not a case, never a "pass").
// A test file runs its cases once per target: `describe.each(targets)(…, (target) => …)`, opening
// the target in its `beforeAll` with `openDbTarget` (or `openTestDatabase` for the billing modules).

export interface DbTarget {
  name: "sqlite" | "postgresql";
  env: { DATA_DIR: string; DATABASE_URL: string };
}

/** The databases to run on, with a temporary DATA_DIR; `cleanup` removes it. */
export function dbTargets(label: string): { targets: DbTarget[]; cleanup: () => void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kimi-${label}-test-`));
  const targets: DbTarget[] = [{ name: "sqlite", env: { DATA_DIR: dataDir, DATABASE_URL: "" } }];
  if (process.env.TEST_POSTGRES_URL) {
    targets.push({
      name: "postgresql",
      env: { DATA_DIR: dataDir, DATABASE_URL: process.env.TEST_POSTGRES_URL },
    });
  }
  return { targets, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** Creates the PostgreSQL test database when it does not exist yet (a fresh CI machine). */
export async function ensurePostgresDatabase(url: string) {
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

function forgetClient() {
  const g = globalThis as { kimiDb?: unknown; kimiMigrated?: unknown };
  delete g.kimiDb;
  delete g.kimiMigrated;
}

/**
 * Points this process at `target` with fresh modules (env() and db() are cached per module
 * instance and process; the caller passes its `vi.resetModules`), migrated, and returns lib/db.
 */
export async function openDbTarget(target: DbTarget, resetModules: () => void) {
  forgetClient();
  if (target.env.DATABASE_URL) await ensurePostgresDatabase(target.env.DATABASE_URL);
  Object.assign(process.env, target.env, { LOG_LEVEL: "silent" });
  resetModules();
  const dbMod = await import("@/lib/db");
  await dbMod.ensureMigrated();
  if (dbMod.dbProvider() !== target.name)
    throw new Error(`expected ${target.name}, got ${dbMod.dbProvider()}`);
  return dbMod;
}

export async function closeDbTarget(dbMod: typeof import("@/lib/db")) {
  await dbMod.db().$disconnect();
  forgetClient();
}

/** `openDbTarget` plus the data and billing modules the billing tests drive, loaded for it. */
export async function openTestDatabase(target: DbTarget, resetModules: () => void) {
  const dbModule = await openDbTarget(target, resetModules);
  const [users, credits, payments, purchases, usageStats] = await Promise.all([
    import("@/lib/data/users"),
    import("@/lib/data/credits"),
    import("@/lib/billing/payments"),
    import("@/lib/data/purchases"),
    import("@/lib/data/usage-stats"),
  ]);
  return {
    db: dbModule.db,
    provider: dbModule.dbProvider(),
    close: () => closeDbTarget(dbModule),
    users,
    credits,
    payments,
    purchases,
    usageStats,
  };
}

let counter = 0;
/** An address no other test (or earlier run on the same database) has used. */
export function testEmail(label = "user"): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}@test.kimi.local`;
}

/** A fresh user holding `initial` sign-up credits (none when 0), on the database `dbMod` opened. */
export async function createFundedUser(
  dbMod: typeof import("@/lib/db"),
  credits: typeof import("@/lib/data/credits"),
  initial: number,
  label: string,
): Promise<string> {
  const user = await dbMod.db().user.create({
    data: { email: testEmail(label), inviteCode: randomUUID().slice(0, 12).toUpperCase() },
  });
  if (initial > 0) {
    await credits.grantCredits({
      userId: user.id,
      amount: initial,
      source: "signup",
      idempotencyKey: `signup:${user.id}`,
    });
  }
  return user.id;
}
