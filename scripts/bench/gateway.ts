// `npm run bench` (after `npm run build`): what the gateway costs on top of the upstream.
// Starts the simulator server with no latency and the production server in front of it (auth,
// credits, rate limits and logs all on, embedded database), then measures in one run, so that the
// ratios hold on a noisy shared machine:
//   - direct to the simulator, through a bare proxy (scripts/bench/bare-proxy.ts: the extra HTTP
//     hop and nothing else) and through the gateway: req/s, p50 and p99 at 1 and 32 connections;
//   - latency to the microsecond, one request at a time (autocannon's percentiles are whole ms);
//   - CPU time per request of the proxy process (from /proc: steadier than wall time here);
//   - streams: time to first byte, direct vs through the gateway.
// Rate limits count every request: calls rotate over KEYS keys (of several accounts, 50 keys at
// most each) so that no key reaches its tier's allowance within the run.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Agent, request } from "undici";

const SIM_PORT = 4410;
const APP_PORT = 4400;
const BARE_PORT = 4420;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const KEYS = 320;
const KEYS_PER_ACCOUNT = 40;
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

// CPU time a process has used, in ms (Linux /proc; NaN elsewhere).
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function cpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

interface Result {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface Target {
  url: string;
  headers: () => Record<string, string>;
}

async function load(target: Target, body: string, connections: number, duration = DURATION): Promise<Result> {
  const r = await autocannon({
    url: target.url,
    method: "POST",
    headers: target.headers(),
    body,
    connections,
    duration,
    pipelining: 1,
    requests: [{ setupRequest: (req) => ({ ...req, headers: target.headers() }) }],
  });
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** One request at a time over one kept-alive connection: each latency in ms, sorted. */
async function sequential(target: Target, body: string, n: number): Promise<number[]> {
  const dispatcher = new Agent({ connections: 1 });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await request(target.url, { method: "POST", headers: target.headers(), body, dispatcher });
    await res.body.text();
    out.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  }
  await dispatcher.close();
  return out.sort((a, b) => a - b);
}

async function ttfb(target: Target, body: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(target.url, { method: "POST", headers: target.headers(), body });
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    await reader.read();
    out.push(performance.now() - t0);
    await reader.cancel();
  }
  return out.sort((a, b) => a - b);
}

interface Latency {
  p50: number;
  p99: number;
  cpuUs: number;
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;
const p99 = (xs: number[]) => xs[Math.floor(xs.length * 0.99)] ?? Number.NaN;
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
  const bareProxy = await start(
    "node",
    [
      "--import",
      "tsx",
      "scripts/bench/bare-proxy.ts",
      "--port",
      String(BARE_PORT),
      "--upstream",
      `http://127.0.0.1:${SIM_PORT}/v1/chat/completions`,
    ],
    "listening",
  );
  const app = spawn(
    "node",
    [
      "--conditions=react-server",
      // BENCH_PROFILE=DIR: a CPU profile of the gateway process, written there when it stops.
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      "--import",
      "tsx",
      "server/main.ts",
      "-p",
      String(APP_PORT),
    ],
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
    const keys: string[] = [];
    for (let a = 0; a < KEYS / KEYS_PER_ACCOUNT; a++) {
      const user = await createUser({
        email: `bench-${Date.now()}-${a}@bench.local`,
        password: "bench-password",
        signupCredits: 100_000_000,
      });
      for (let k = 0; k < KEYS_PER_ACCOUNT; k++) {
        keys.push((await createApiKey({ userId: user.id, name: `bench ${k}` })).key);
      }
    }
    let turn = 0;

    const direct: Target = {
      url: `http://127.0.0.1:${SIM_PORT}/v1/chat/completions`,
      headers: () => ({ authorization: "Bearer sk-bench", "content-type": "application/json" }),
    };
    const gateway: Target = {
      url: `http://127.0.0.1:${APP_PORT}/api/v1/chat/completions`,
      headers: () => ({
        authorization: `Bearer ${keys[turn++ % keys.length]}`,
        "content-type": "application/json",
      }),
    };
    const chat = (model: string, extra: object) =>
      JSON.stringify({ model, messages: [{ role: "user", content: "hi" }], ...extra });
    const body = chat("kimi-k2", { max_tokens: 16 });
    const upstreamBody = chat("kimi-k2-0711-preview", { max_tokens: 16 });

    const bare: Target = {
      url: `http://127.0.0.1:${BARE_PORT}/v1/chat/completions`,
      headers: direct.headers,
    };
    const paths = [
      { name: "direct", target: direct, body: upstreamBody, pid: undefined },
      { name: "bare proxy", target: bare, body: upstreamBody, pid: bareProxy.pid },
      { name: "gateway", target: gateway, body, pid: app.pid },
    ];

    // Warm every path (JIT, connection pools, every key into the key cache).
    for (const p of paths) await load(p.target, p.body, 8, 3);

    console.log(`\nnon-stream, ${DURATION}s per run; CPU = the proxy process's CPU time per request`);
    console.log(
      `conns | ${paths.map((p) => `${p.name} req/s  p50  p99${p.pid ? "   CPU" : ""}`.padStart(p.pid ? 33 : 26)).join(" | ")} | gateway/direct`,
    );
    for (const c of [1, 32]) {
      const cells: string[] = [];
      const rps: number[] = [];
      for (const p of paths) {
        const before = cpuMs(p.pid);
        const r = await load(p.target, p.body, c);
        const cpuUs = ((cpuMs(p.pid) - before) * 1000) / r.total;
        rps.push(r.rps);
        cells.push(
          `${fmt(r.rps).padStart(p.name.length + 6)} ${String(r.p50).padStart(4)} ${String(r.p99).padStart(4)}` +
            (p.pid ? ` ${cpuUs.toFixed(0).padStart(3)} µs` : "") +
            (r.errors + r.non2xx ? ` (errors ${r.errors}, non-2xx ${r.non2xx})` : ""),
        );
      }
      console.log(
        `${String(c).padStart(5)} | ${cells.join(" | ")} | ${fmt((rps[2] ?? 0) / (rps[0] ?? 1)).padStart(14)}`,
      );
    }

    // In rounds, the three paths taking turns, so that the machine's drift within the run falls on
    // all three alike.
    const n = 2_000;
    const rounds = 4;
    const seq = paths.map(() => ({ xs: [] as number[], cpuMs: 0 }));
    for (let round = 0; round < rounds; round++) {
      for (const [i, p] of paths.entries()) {
        const before = cpuMs(p.pid);
        const acc = seq[i] as (typeof seq)[0];
        acc.xs.push(...(await sequential(p.target, p.body, n / rounds)));
        acc.cpuMs += cpuMs(p.pid) - before;
      }
    }
    const [d, b, g] = seq.map(({ xs, cpuMs }) => {
      xs.sort((x, y) => x - y);
      return { p50: median(xs), p99: p99(xs), cpuUs: (cpuMs * 1000) / n };
    }) as [Latency, Latency, Latency];
    console.log(
      `\none request at a time, ${n} each (p50 / p99, ms): direct ${fmt(d.p50)} / ${fmt(d.p99)}, bare proxy ${fmt(b.p50)} / ${fmt(b.p99)} (CPU ${b.cpuUs.toFixed(0)} µs), gateway ${fmt(g.p50)} / ${fmt(g.p99)} (CPU ${g.cpuUs.toFixed(0)} µs)`,
    );
    console.log(
      `added p50: gateway ${fmt(g.p50 - d.p50)} ms over direct, of which the HTTP hop (bare proxy) ${fmt(b.p50 - d.p50)} ms and auth, credits, limits and logs ${fmt(g.p50 - b.p50)} ms`,
    );

    const dT = await ttfb(direct, chat("kimi-k2-0711-preview", { stream: true }), 100);
    const gT = await ttfb(gateway, chat("kimi-k2", { stream: true }), 100);
    console.log(
      `stream time to first byte, median of 100: direct ${fmt(median(dT))} ms, gateway ${fmt(median(gT))} ms, added ${fmt(median(gT) - median(dT))} ms`,
    );
  } finally {
    const stopped = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    sim.kill("SIGTERM");
    bareProxy.kill("SIGTERM");
    await stopped;
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
