import "server-only";
import Database from "libsql";
import { db, dbConfig } from "@/lib/db";
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
  startCheckpointer,
} from "@/lib/db/checkpointer";

// The request hot path's writes (the credit reservation, its refund) skip the ORM: one prepared
// statement on a dedicated connection. On SQLite that connection runs in WAL mode with
// synchronous=NORMAL — a commit does not wait for fsync; a
// power cut can lose the last moments of commits, but never half of one, so the ledger and the
// balance always agree. On PostgreSQL the statement goes through the Prisma pool as raw SQL.
// SQL is written with `?` placeholders.

export type HotParam = string | number | boolean | null | Date;

interface SqliteHot {
  db: Database.Database;
  statements: Map<string, Database.Statement>;
}

let sqlite: SqliteHot | undefined;

// One connection, never used for a transaction, so the pragma holds for every statement; its
// statements are prepared once and reused (preparing the ledger insert with its trigger costs
// more than running it). Its commits leave the checkpoints to a process of their own
// (lib/db/checkpointer.ts); should that process end, they take them up again at SQLite's default.
function sqliteHot(url: string): SqliteHot {
  if (!sqlite) {
    const file = url.slice("file:".length);
    const db = new Database(file, { timeout: 10_000 });
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    startCheckpointer(file, () =>
      db.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`),
    );
    sqlite = { db, statements: new Map() };
  }
  return sqlite;
}

function prepared(url: string, sql: string): Database.Statement {
  const hot = sqliteHot(url);
  let statement = hot.statements.get(sql);
  if (!statement) {
    statement = hot.db.prepare(sql);
    if (hot.statements.size < 200) hot.statements.set(sql, statement);
  }
  return statement;
}

/** Prisma's SQLite DateTime text format, so rows written here read back as Dates. */
function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export async function hotQuery<T>(sql: string, params: HotParam[]): Promise<T[]> {
  const config = dbConfig();
  if (config.provider === "sqlite") return prepared(config.url, sql).all(...params.map(toSqlite)) as T[];
  return db().$queryRawUnsafe<T[]>(toPostgresPlaceholders(sql), ...params);
}

/** A statement that returns no rows; resolves to the number of rows changed. */
export async function hotExecute(sql: string, params: HotParam[]): Promise<number> {
  const config = dbConfig();
  if (config.provider === "sqlite") return prepared(config.url, sql).run(...params.map(toSqlite)).changes;
  return db().$executeRawUnsafe(toPostgresPlaceholders(sql), ...params);
}

// Prisma stores SQLite booleans as 0/1 and dates as ISO text with an explicit offset.
function toSqlite(p: HotParam): string | number | null {
  if (p instanceof Date) return sqliteDate(p);
  if (typeof p === "boolean") return p ? 1 : 0;
  return p;
}

/** `?, ?` → `$1, $2` (our SQL has no `?` inside literals). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
