import path from "node:path";

// Which database this process uses, decided once from the environment. Kept free of the
// generated clients so the migration runner and scripts can use it before they exist.

export type DbProvider = "sqlite" | "postgresql";

export interface DbConfig {
  provider: DbProvider;
  /** libsql URL (`file:/abs/path.db`) or a PostgreSQL connection string. */
  url: string;
}

export function resolveDbConfig(vars: { DATABASE_URL?: string; DATA_DIR?: string }): DbConfig {
  const url = vars.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url?.startsWith("file:"))
    return { provider: "sqlite", url: `file:${path.resolve(/*turbopackIgnore: true*/ url.slice(5))}` };
  const dir = path.resolve(/*turbopackIgnore: true*/ vars.DATA_DIR || "./data");
  return { provider: "sqlite", url: `file:${path.join(dir, "kimi.db")}` };
}
