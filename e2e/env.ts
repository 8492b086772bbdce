import path from "node:path";

// The environment of the app server under test, shared by playwright.config.ts (which starts
// it) and the fixtures (which write to the same database).

// E2E_PORT_OFFSET lets several checkouts' suites run side by side on one machine.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const E2E_PORTS = {
  sqlite: 4300 + offset,
  postgres: 4400 + offset,
  primary: 4500 + offset,
  secondary: 4600 + offset,
} as const;

export function e2eEnv() {
  const variant = process.env.E2E_VARIANT === "postgres" ? "postgres" : "sqlite";
  const port = variant === "postgres" ? E2E_PORTS.postgres : E2E_PORTS.sqlite;
  const values = {
    E2E_VARIANT: variant,
    APP_PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: path.resolve(".test-data", `${variant}${offset || ""}`),
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
    AUTH_URL: `http://127.0.0.1:${port}`,
    AUTH_TRUST_HOST: "true",
    MOONSHOT_API_KEY: "sk-simulated-primary",
    MOONSHOT_BASE_URL: `http://127.0.0.1:${E2E_PORTS.primary}/v1`,
    AIMLAPI_API_KEY: "sk-simulated-secondary",
    AIMLAPI_BASE_URL: `http://127.0.0.1:${E2E_PORTS.secondary}/v1`,
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "3000",
    UPSTREAM_IDLE_TIMEOUT_MS: "3000",
    LOG_LEVEL: "warn",
    SIGNUP_LIMIT_PER_HOUR: "100000",
    // A production server takes no payments unless told how: this one runs the test-mode checkout.
    // The Stripe specs start servers of their own in Stripe mode (e2e/api/stripe-server.ts).
    PAYMENTS_TEST_MODE: "on",
    DATABASE_URL: variant === "postgres" ? (process.env.TEST_POSTGRES_URL ?? "") : "",
    REDIS_URL: variant === "postgres" ? (process.env.TEST_REDIS_URL ?? "") : "",
  };
  return values;
}

/** Makes this process (the fixtures) talk to the same database as the server under test. */
export function adoptServerEnvironment(): void {
  const values = e2eEnv();
  for (const name of ["DATA_DIR", "DATABASE_URL", "REDIS_URL", "AUTH_SECRET"] as const) {
    process.env[name] = values[name];
  }
}
