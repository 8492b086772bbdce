import { env } from "@/lib/env";

// Imported first by server/main.ts, before any module that reads the environment: a production
// server with an invalid configuration (one Stripe key without the other, say) exits here, naming
// the variable, before it spawns Next.js or listens. NODE_ENV defaults as `next start` has it, so
// this process and its Next child agree on the defaults that depend on it (payments' test mode).

if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
try {
  env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
