import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// For data-layer unit tests: a fresh embedded database per test file. The environment must be
// set before the first import of @/lib/db (it reads it once); BILLING_TEST_DATABASE_URL runs
// the same tests on PostgreSQL instead.

export async function openTestDatabase() {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "kimi-billing-"));
  process.env.DATABASE_URL = process.env.BILLING_TEST_DATABASE_URL ?? "";
  process.env.LOG_LEVEL = "silent";
  const dbModule = await import("@/lib/db");
  await dbModule.ensureMigrated();
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
    users,
    credits,
    payments,
    purchases,
    usageStats,
  };
}

let counter = 0;
export function testEmail(label = "user"): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}@test.kimi.local`;
}
