// `npm test`: every suite, then one line `N passed, N failed` summing them all.
//   1. unit tests (Vitest)            2. production build
//   3. API + browser specs (Playwright) on the embedded database
//   4. when TEST_POSTGRES_URL is set (CI sets it): the API specs again on PostgreSQL + Redis
// Each suite's data starts empty. A suite that cannot run counts as a failure, never a skip.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const results = [];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return res.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function record(label, passed, failed) {
  results.push({ label, passed, failed });
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
  const report = readJson(out);
  if (report)
    record(
      "unit",
      report.numPassedTests,
      report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0),
    );
  else record("unit", 0, 1);
}

// Type-check everything (app, tests, scripts): one check that passes or fails.
record(
  "typecheck (tsc --noEmit)",
  ...(run("typecheck", "npx", ["tsc", "--noEmit", "-p", "."]) === 0 ? [1, 0] : [0, 1]),
);

// Lint and format (Biome): one check that passes or fails.
record("lint (biome ci)", ...(run("lint", "npx", ["biome", "ci", "."]) === 0 ? [1, 0] : [0, 1]));

// 2. Build
const built = run("build (next build)", "npx", ["next", "build"]) === 0;
if (!built) record("build", 0, 1);

async function resetPostgres(url) {
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

async function resetRedis(url) {
  const { default: Redis } = await import("ioredis");
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  await client.flushdb();
  client.disconnect();
}

function e2e(variant, args, extraEnv) {
  const label = `e2e ${variant}`;
  const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
  fs.rmSync(path.join(root, ".test-data", `${variant}${offset || ""}`), { recursive: true, force: true });
  const code = run(label, "npx", ["playwright", "test", ...args], {
    E2E_VARIANT: variant,
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
    ...extraEnv,
  });
  const report = readJson(`test-results/e2e-${variant}${process.env.E2E_PORT_OFFSET ?? ""}.json`);
  if (!report) return record(label, 0, 1);
  const s = report.stats;
  const failed = s.unexpected + s.flaky + (code !== 0 && s.unexpected === 0 ? 1 : 0);
  record(label, s.expected, failed);
}

if (built) {
  e2e("sqlite", [], {});
  const pg = process.env.TEST_POSTGRES_URL;
  if (pg) {
    const redis = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/5";
    try {
      await resetPostgres(pg);
      await resetRedis(redis);
      e2e("postgres", ["--project=api"], { TEST_POSTGRES_URL: pg, TEST_REDIS_URL: redis });
    } catch (error) {
      console.error(`PostgreSQL/Redis variant could not start: ${error.message}`);
      record("e2e postgres", 0, 1);
    }
  }
}

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log("\n=== summary ===");
for (const r of results) console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
