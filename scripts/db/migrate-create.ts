// Dev-time: `npm run db:migration -- <name>` writes a new migration for each provider from the
// difference between the schema at the last migration (a committed snapshot) and the source
// schema, using Prisma's own schema engine compiled to wasm (the native CLI cannot run here).
// Hand-written SQL (triggers) goes in with `--empty` and is edited afterwards.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PROVIDERS, type Provider, renderSchema } from "./schemas";

const root = process.cwd();
const args = process.argv.slice(2);
const empty = args.includes("--empty");
const name = args.find((a) => !a.startsWith("--"));
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--empty]");
  process.exit(2);
}

async function loadEngine() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), {
    "./schema_engine_bg.js": bg,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

async function adapterFor(provider: Provider) {
  if (provider === "sqlite") {
    const { PrismaLibSql } = await import("@prisma/adapter-libsql");
    return new PrismaLibSql({ url: ":memory:" });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // The engine connects even to diff two schemas; any reachable server will do.
  return new PrismaPg({
    connectionString: process.env.MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  });
}

const bg = await loadEngine();
const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const provider of PROVIDERS) {
  const dir = path.join(root, "prisma", provider, "migrations");
  fs.mkdirSync(dir, { recursive: true });
  const snapshotFile = path.join(dir, "schema-snapshot.prisma");
  const current = renderSchema(source, provider);
  let sql = "-- Hand-written migration.\n";
  if (!empty) {
    const engine = await bg.SchemaEngine.new(
      { datamodels: [["schema.prisma", current]] },
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(await adapterFor(provider)),
    );
    const from = fs.existsSync(snapshotFile)
      ? {
          tag: "schemaDatamodel" as const,
          files: [{ path: "schema.prisma", content: fs.readFileSync(snapshotFile, "utf8") }],
        }
      : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: current }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    sql = result.stdout ?? "";
    if (!sql.trim() || /empty migration/i.test(sql)) {
      console.log(`${provider}: no schema changes`);
      continue;
    }
  }
  const folder = path.join(dir, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  fs.writeFileSync(snapshotFile, current);
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`${provider}: wrote ${path.relative(root, folder)}/migration.sql`);
}
