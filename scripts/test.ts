// `npm test`: every suite, then one line `N passed, N failed` summing them all.
//   1. unit tests (Vitest; the database tests on SQLite and, when TEST_POSTGRES_URL is set, on
//      PostgreSQL too — test/db.ts)   2. production build
//   3. API + browser specs (Playwright) on the embedded database (Chromium installed first when
//      missing and run as root)
//   4. when TEST_POSTGRES_URL is set (CI sets it): the API specs again on PostgreSQL + Redis, and
//      the deploy recipe (nginx in front of two instances: e2e/deploy)
// Each suite's data starts empty. A suite that cannot run counts as a failure, never a skip.
// The summary names every test that failed (or passed only at a retry), with its first error.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./chromium";
import {
  type Failure,
  formatFailure,
  type PlaywrightReport,
  playwrightFailures,
  type VitestReport,
  vitestFailures,
} from "./test-report";

const root = process.cwd();
const results: { label: string; passed: number; failed: number; failures: Failure[] }[] = [];
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return res.status ?? 1;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function record(label: string, passed: number, failed: number, failures: Failure[] = []) {
  if (failed > 0 && failures.length === 0)
    failures.push({ where: label, title: "failed outside any test: its output is above" });
  results.push({ label, passed, failed, failures });
  console.log(`--- ${label}: ${passed} passed, ${failed} failed`);
}

fs.rmSync(path.join(root, "test-results"), { recursive: true, force: true });
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });

// 1. Unit
{
  const out = "test-results/unit.json";
  const code = run("unit (vitest)", "npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${out}`,
  ]);
  const report = readJson<VitestReport & { numPassedTests: number; numFailedTests: number }>(out);
  if (report)
    record(
      "unit",
      report.numPassedTests,
      report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0),
      vitestFailures(report, root),
    );
  else record("unit", 0, 1, [{ where: "unit", title: "Vitest wrote no report: its output is above" }]);
}

// A check that passes or fails as a whole.
function check(label: string, passed: boolean) {
  record(label, passed ? 1 : 0, passed ? 0 : 1);
}

// Type-check everything (app, tests, scripts).
check("typecheck (tsc --noEmit)", run("typecheck", "npx", ["tsc", "--noEmit", "-p", "."]) === 0);

// Lint and format (Biome).
check("lint (biome ci)", run("lint", "npx", ["biome", "ci", "."]) === 0);

// 2. Build
const built = run("build (next build)", "npx", ["next", "build"]) === 0;
if (!built) check("build", false);

async function resetPostgres(url: string) {
  const { Client } = await import("pg");
  const target = new URL(url);
  const dbName = target.pathname.slice(1);
  const admin = new Client({
    connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString(),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
}

async function resetRedis(url: string) {
  const { default: Redis } = await import("ioredis");
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  await client.flushdb();
  client.disconnect();
}

function e2e(variant: string, args: string[], extraEnv: Record<string, string>) {
  const label = `e2e ${variant}`;
  const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
  fs.rmSync(path.join(root, ".test-data", `${variant}${offset || ""}`), { recursive: true, force: true });
  const code = run(label, "npx", ["playwright", "test", ...args], {
    E2E_VARIANT: variant,
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
    ...extraEnv,
  });
  const report = readJson<
    PlaywrightReport & { stats: { expected: number; unexpected: number; flaky: number } }
  >(`test-results/e2e-${variant}${process.env.E2E_PORT_OFFSET ?? ""}.json`);
  if (!report)
    return record(label, 0, 1, [{ where: label, title: "Playwright wrote no report: its output is above" }]);
  const s = report.stats;
  const failed = s.unexpected + s.flaky + (code !== 0 && s.unexpected === 0 ? 1 : 0);
  record(label, s.expected, failed, playwrightFailures(report));
}

if (built) {
  const chromium = ensureChromium();
  if ("path" in chromium)
    e2e("sqlite", ["--project=api", "--project=browser"], { CHROMIUM_PATH: chromium.path });
  else {
    console.error(chromium.error);
    e2e("sqlite", ["--project=api"], {});
    record("e2e browser", 0, 1, [{ where: "e2e browser", title: "could not run", error: chromium.error }]);
  }
  const pg = process.env.TEST_POSTGRES_URL;
  if (pg) {
    const redis = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/5";
    try {
      await resetPostgres(pg);
      await resetRedis(redis);
      e2e("postgres", ["--project=api", "--project=deploy"], {
        TEST_POSTGRES_URL: pg,
        TEST_REDIS_URL: redis,
      });
    } catch (error) {
      console.error(`PostgreSQL/Redis variant could not start: ${(error as Error).message}`);
      record("e2e postgres", 0, 1, [
        { where: "e2e postgres", title: "PostgreSQL/Redis could not start", error: (error as Error).message },
      ]);
    }
  }
}

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log("\n=== summary ===");
for (const r of results) {
  console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed`);
  for (const f of r.failures) console.log(formatFailure(f));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
