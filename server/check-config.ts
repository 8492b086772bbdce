import { env } from "@/lib/env";
import { CatalogError, loadCatalog } from "@/lib/providers/catalog";

// Imported first by server/main.ts, before any module that reads the environment: a production
// server with an invalid configuration (one Stripe key without the other, say) exits here, naming
// the variable, before it spawns Next.js or listens. NODE_ENV defaults as `next start` has it, so
// this process and its Next child agree on the defaults that depend on it (payments' test mode).

if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
try {
  // A generated secret lives in one instance's DATA_DIR: with a database that several instances
  // share, each would seal sessions the others cannot open, so the secret must be given.
  if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") && !process.env.AUTH_SECRET) {
    throw new Error(
      "Invalid configuration:\n  AUTH_SECRET: is required when DATABASE_URL is a shared database " +
        "(PostgreSQL): every instance must use the same one, or a session signed in on one instance " +
        "is rejected by the others",
    );
  }
  env();
  // The model catalog (config/models.json, MODELS_FILE): a bad entry stops the start, named.
  loadCatalog();
} catch (error) {
  if (error instanceof CatalogError) console.error(`Invalid model catalog:\n  ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
