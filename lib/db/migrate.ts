import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DbConfig } from "@/lib/db/config";

// Applies the committed migrations (prisma/<provider>/migrations) at start, offline, recording
// them in Prisma's own `_prisma_migrations` table so `prisma migrate deploy` agrees with us on a
// machine that has the normal CLI. Safe when several processes start at once: SQLite serialises
// on a write transaction, PostgreSQL on an advisory lock.

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: DbConfig["provider"], root = process.cwd()): Migration[] {
  const dir = path.join(/*turbopackIgnore: true*/ root, "prisma", provider, "migrations");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function checkHistory(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const { createClient } = await import("@libsql/client");
  const file = url.slice("file:".length);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA busy_timeout = 10000");
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(SQLITE_TABLE);
    const tx = await client.transaction("write");
    try {
      const rows = await tx.execute(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Map(rows.rows.map((r) => [String(r.migration_name), String(r.checksum)]));
      const pending = checkHistory(applied, migrations);
      for (const m of pending) {
        await tx.executeMultiple(m.sql);
        await tx.execute({
          sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at) VALUES (?, ?, current_timestamp, ?, 1, current_timestamp)`,
          args: [randomUUID(), m.checksum, m.name],
        });
      }
      await tx.commit();
      return pending.map((m) => m.name);
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727073691)");
    await client.query(PG_TABLE);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const pending = checkHistory(new Map(rows.rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return pending.map((m) => m.name);
  } finally {
    // Closing the session releases the advisory lock.
    await client.end();
  }
}

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function applyMigrations(config: DbConfig, root = process.cwd()): Promise<string[]> {
  const migrations = readMigrations(config.provider, root);
  if (migrations.length === 0)
    throw new Error(`No migrations found under prisma/${config.provider}/migrations`);
  return config.provider === "sqlite"
    ? migrateSqlite(config.url, migrations)
    : migratePostgres(config.url, migrations);
}
