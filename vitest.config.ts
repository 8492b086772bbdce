import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // What the react-server condition resolves `server-only` to, so tests can import server modules.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
    conditions: ["react-server"],
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "server/**/*.test.ts"],
    environment: "node",
    // Every settled call writes an info line (lib/access-log.ts); tests keep their output quiet.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    // Database-backed tests share two cores with everything else in CI.
    testTimeout: 20_000,
  },
});
