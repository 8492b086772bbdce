import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDbConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { PrismaClient as PgClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

// The Prisma client, with the driver adapter chosen from DATABASE_URL. Both generated clients
// have the same model API; the rest of the code sees one type, `Db`.

export type Db = InstanceType<typeof SqliteClient>;
/** A transaction's client, as `db().$transaction(async (tx) => …)` passes it. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { ApiKey, CreditGrant, CreditLedger, Purchase, User } from "@/lib/generated/sqlite/client";

const globalForDb = globalThis as unknown as {
  kimiDb?: { url: string; client: Db };
  kimiMigrated?: Promise<string[]>;
};

function createClient(): Db {
  const config = dbConfig();
  if (config.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: config.url, max: 10 });
    return new PgClient({ adapter }) as unknown as Db;
  }
  // A busy timeout lets the server and the CLI share the file (WAL is set by the migrator).
  const adapter = new PrismaLibSql({ url: config.url, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

let config: ReturnType<typeof resolveDbConfig> | undefined;

/** Resolved once per process: every hot-path statement asks for it. */
export function dbConfig() {
  if (!config) {
    const e = env();
    config = resolveDbConfig({ DATABASE_URL: e.DATABASE_URL, DATA_DIR: e.DATA_DIR });
  }
  return config;
}

export function dbProvider() {
  return dbConfig().provider;
}

let client: Db | undefined;

/** The shared client. Call `ensureMigrated()` once at start before the first query. */
export function db(): Db {
  if (client) return client;
  // Shared through globalThis (one pool however often the module is loaded: bundles, dev reloads),
  // but only for the same database: a module loaded for another one (tests re-import modules per
  // database, and a background task of the old one may still run) never hands out the wrong client.
  const { url } = dbConfig();
  const shared = globalForDb.kimiDb;
  client = shared?.url === url ? shared.client : createClient();
  globalForDb.kimiDb = { url, client };
  return client;
}

/** A trivial query (readiness checks): resolves once the database answers. */
export function pingDatabase(): Promise<unknown> {
  return db().$queryRaw`SELECT 1`;
}

export function ensureMigrated(): Promise<string[]> {
  globalForDb.kimiMigrated ??= applyMigrations(dbConfig());
  return globalForDb.kimiMigrated;
}
