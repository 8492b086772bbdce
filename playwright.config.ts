import { defineConfig, devices } from "@playwright/test";
import { E2E_PORTS, e2eEnv } from "./e2e/env";

// One app server per run, on the embedded database (default) or PostgreSQL + Redis
// (E2E_VARIANT=postgres), in front of two simulator servers posing as Moonshot (primary) and
// AI/ML API (secondary) — so the real provider adapters, failover and fault handling are tested
// over HTTP. scripts/test.ts resets the data before each run.

const env = e2eEnv();
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  // Traces and screenshots per run, so parallel runs on one machine do not delete each other's.
  outputDir: `test-results/playwright-${env.E2E_VARIANT}${process.env.E2E_PORT_OFFSET ?? ""}`,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: `test-results/e2e-${env.E2E_VARIANT}${process.env.E2E_PORT_OFFSET ?? ""}.json` }],
    ["html", { open: "never", outputFolder: `playwright-report/${env.E2E_VARIANT}` }],
  ],
  use: {
    baseURL: env.APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [
    { name: "api", testDir: "./e2e/api" },
    // nginx in front of two instances on PostgreSQL + Redis: that pass only (scripts/test.ts).
    { name: "deploy", testDir: "./e2e/deploy" },
    {
      name: "browser",
      testDir: "./e2e/browser",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/simulator.ts --port ${E2E_PORTS.primary} --name primary --chunk-interval-ms 15 --latency-ms 20`,
      url: `http://127.0.0.1:${E2E_PORTS.primary}/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `node --import tsx scripts/simulator.ts --port ${E2E_PORTS.secondary} --name secondary --chunk-interval-ms 15 --latency-ms 20`,
      url: `http://127.0.0.1:${E2E_PORTS.secondary}/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `node --conditions=react-server --import tsx server/main.ts -p ${env.APP_PORT}`,
      url: `${env.APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: env as unknown as Record<string, string>,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
