// `npm run bench` (after `npm run build`): what the gateway costs on top of the upstream.
// Starts the simulator server with no latency and the built app in front of it (auth, credits,
// rate limits and logs all on, embedded database), then measures in one run, so that the ratio
// holds on a noisy shared machine:
//   - direct to the simulator vs through the gateway: req/s, p50 and p99 at 1 and 32 connections;
//   - streams: time to first byte, direct vs through the gateway.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const SIM_PORT = 4410;
const APP_PORT = 4400;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kimi-bench-"));

const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "",
  REDIS_URL: process.env.BENCH_REDIS_URL ?? "",
  MOONSHOT_API_KEY: "sk-bench",
  MOONSHOT_BASE_URL: `http://127.0.0.1:${SIM_PORT}/v1`,
  LOG_LEVEL: "warn",
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
};

function start(command: string, args: string[], ready: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: appEnv, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes(ready)) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
  });
}

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  body: string,
  connections: number,
): Promise<Result> {
  const r = await autocannon({
    url,
    method: "POST",
    headers,
    body,
    connections,
    duration: DURATION,
    pipelining: 1,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

async function ttfb(
  url: string,
  headers: Record<string, string>,
  body: string,
  n: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", headers, body });
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    await reader.read();
    out.push(performance.now() - t0);
    await reader.cancel();
  }
  return out.sort((a, b) => a - b);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (n: number) => n.toFixed(2);

async function main() {
  const sim = await start(
    "node",
    [
      "--import",
      "tsx",
      "scripts/simulator.ts",
      "--port",
      String(SIM_PORT),
      "--latency-ms",
      "0",
      "--chunk-interval-ms",
      "0",
    ],
    "listening",
  );
  const app = spawn(
    "node",
    ["--conditions=react-server", "--import", "tsx", "scripts/server.ts", "-p", String(APP_PORT)],
    {
      env: appEnv,
      stdio: "ignore",
    },
  );
  try {
    await waitFor(`http://127.0.0.1:${APP_PORT}/api/health`);
    process.env.DATA_DIR = dataDir;
    process.env.DATABASE_URL = appEnv.DATABASE_URL;
    const { ensureMigrated } = await import("@/lib/db");
    const { createUser } = await import("@/lib/data/users");
    const { createApiKey } = await import("@/lib/data/api-keys");
    await ensureMigrated();
    const user = await createUser({
      email: `bench-${Date.now()}@bench.local`,
      password: "bench-password",
      signupCredits: 100_000_000,
    });
    const { key } = await createApiKey({ userId: user.id, name: "bench", rateLimitDisabled: true });

    const body = JSON.stringify({
      model: "kimi-k2",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 16,
    });
    const direct = {
      url: `http://127.0.0.1:${SIM_PORT}/v1/chat/completions`,
      headers: { authorization: "Bearer sk-bench", "content-type": "application/json" },
    };
    const gateway = {
      url: `http://127.0.0.1:${APP_PORT}/api/v1/chat/completions`,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    };
    const upstreamBody = JSON.stringify({
      model: "kimi-k2-0711-preview",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 16,
    });

    // Warm both paths (JIT, connection pools, the key cache).
    await load(gateway.url, gateway.headers, body, 8);
    await load(direct.url, direct.headers, upstreamBody, 8);

    console.log(`\nnon-stream, ${DURATION}s per run`);
    console.log("conns | direct req/s  p50   p99 | gateway req/s  p50   p99 | ratio | added p50 ms");
    for (const c of [1, 32]) {
      const d = await load(direct.url, direct.headers, upstreamBody, c);
      const g = await load(gateway.url, gateway.headers, body, c);
      console.log(
        `${String(c).padStart(5)} | ${fmt(d.rps).padStart(12)} ${fmt(d.p50).padStart(5)} ${fmt(d.p99).padStart(5)} | ${fmt(g.rps).padStart(13)} ${fmt(g.p50).padStart(5)} ${fmt(g.p99).padStart(5)} | ${fmt(g.rps / d.rps).padStart(5)} | ${fmt(g.p50 - d.p50)}` +
          (g.errors + g.non2xx ? `  (gateway errors ${g.errors}, non-2xx ${g.non2xx})` : ""),
      );
    }

    const streamBody = JSON.stringify({
      model: "kimi-k2",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    const upstreamStream = JSON.stringify({
      model: "kimi-k2-0711-preview",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    const dT = await ttfb(direct.url, direct.headers, upstreamStream, 100);
    const gT = await ttfb(gateway.url, gateway.headers, streamBody, 100);
    console.log(
      `\nstream time to first byte, median of 100: direct ${fmt(median(dT))} ms, gateway ${fmt(median(gT))} ms, added ${fmt(median(gT) - median(dT))} ms`,
    );
  } finally {
    app.kill("SIGTERM");
    sim.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
