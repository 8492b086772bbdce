import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { e2eEnv } from "../env";
import { createAccount, creditState, expect, test, uniqueEmail } from "../fixtures";
import {
  clientFrom,
  type OwnServer,
  ownPort,
  randomLoopback,
  randomTestAddress,
  startOwnServer,
} from "../own-server";

// The deploy recipe, run: nginx from deploy/nginx.conf (ports and paths rewritten, one worker so
// round robin is strict, an X-Served-By header added for the test) in front of two production
// instances on one PostgreSQL + Redis, configured as deploy/kimi.env.example says. Runs in the
// PostgreSQL + Redis pass only (the "deploy" project; scripts/test.ts).

const NGINX = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
const PORTS = { a: ownPort(96), b: ownPort(97), nginx: ownPort(98) };
const URL_ = `http://127.0.0.1:${PORTS.nginx}`;
const SIGNUP_LIMIT = 3;

// As deploy/kimi.env.example: the shared secret, the public URL, shared state, one trusted proxy.
const INSTANCE_ENV = {
  AUTH_SECRET: e2eEnv().AUTH_SECRET,
  AUTH_URL: URL_,
  PUBLIC_URL: URL_,
  DATABASE_URL: e2eEnv().DATABASE_URL,
  REDIS_URL: e2eEnv().REDIS_URL,
  TRUSTED_PROXIES: "1",
  SIGNUP_LIMIT_PER_HOUR: String(SIGNUP_LIMIT),
};

test.describe.configure({ mode: "serial", timeout: 120_000 });

let dir: string;
let nginx: ChildProcess;
const instances: Record<"a" | "b", OwnServer | undefined> = { a: undefined, b: undefined };
const startInstance = async (name: "a" | "b") => {
  instances[name] = await startOwnServer(PORTS[name], INSTANCE_ENV);
};
const stopInstance = async (name: "a" | "b") => {
  await instances[name]?.stop();
  instances[name] = undefined;
};

/** The upstream address of every request nginx logged so far (the last one tried). */
function upstreamsLogged(): string[] {
  const log = fs.readFileSync(path.join(dir, "access.log"), "utf8");
  return [...log.matchAll(/upstream=(\S+)/g)].map((m) => (m[1] as string).split(",").at(-1)?.trim() ?? "");
}
const instanceAddress = (name: "a" | "b") => `127.0.0.1:${PORTS[name]}`;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (e2eEnv().E2E_VARIANT !== "postgres" || !e2eEnv().REDIS_URL)
    throw new Error("the deploy recipe needs PostgreSQL and Redis: run it with E2E_VARIANT=postgres");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kimi-nginx-"));
  fs.chmodSync(dir, 0o755);
  const conf = fs
    .readFileSync("deploy/nginx.conf", "utf8")
    .replace("worker_processes auto;", "worker_processes 1;")
    .replace("/var/log/nginx/error.log", path.join(dir, "error.log"))
    .replace("/var/log/nginx/kimi.access.log", path.join(dir, "access.log"))
    .replace("127.0.0.1:3001", instanceAddress("a"))
    .replace("127.0.0.1:3002", instanceAddress("b"))
    .replace(
      "listen 80;",
      `listen 127.0.0.1:${PORTS.nginx};\n        add_header X-Served-By $upstream_addr always;`,
    )
    .replace(
      "http {",
      `http {\n    client_body_temp_path ${dir}/body;\n    proxy_temp_path ${dir}/proxy;\n` +
        `    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;`,
    );
  expect(conf).toContain(instanceAddress("b"));
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  await Promise.all([startInstance("a"), startInstance("b")]);
  nginx = spawn(
    NGINX,
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", `daemon off; pid ${dir}/nginx.pid;`],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  await expect.poll(async () => (await fetch(`${URL_}/api/health`).catch(() => null))?.status).toBe(200);
});

test.afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = once(nginx, "exit");
    nginx.kill("SIGQUIT");
    await exited;
  }
  await Promise.all([stopInstance("a"), stopInstance("b")]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const chat = (key: string, content = "Hello", extra: Record<string, unknown> = {}) =>
  fetch(`${URL_}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content }], ...extra }),
  });

test("round robin: both instances serve through nginx", async () => {
  const before = upstreamsLogged().length;
  for (let i = 0; i < 6; i++) expect((await fetch(`${URL_}/api/health`)).status).toBe(200);
  expect(new Set(upstreamsLogged().slice(before))).toEqual(
    new Set([instanceAddress("a"), instanceAddress("b")]),
  );
});

test("one balance: 5 credits, 16 parallel calls through nginx → exactly 5 served, balance 0", async () => {
  const account = await createAccount({ credits: 5, noRateLimit: true });
  const before = upstreamsLogged().length;
  const statuses = await Promise.all(
    Array.from({ length: 16 }, async () => (await chat(account.key)).status),
  );
  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 403)).toHaveLength(11);
  const served = new Set(upstreamsLogged().slice(before));
  expect(served).toEqual(new Set([instanceAddress("a"), instanceAddress("b")]));
  const state = await creditState(account.id);
  expect(state.balance).toBe(0);
  expect(state.ledgerSum).toBe(0);
});

test("one rate limit, keyed on the client address nginx saw: a spoofed X-Forwarded-For does not count", async () => {
  const signup = () => ({ email: uniqueEmail("deploy"), password: "pw-deploy-recipe-1234" });
  const client = clientFrom(randomLoopback(), URL_);
  const before = upstreamsLogged().length;
  const statuses: number[] = [];
  for (let i = 0; i < 2 * SIGNUP_LIMIT; i++) {
    const res = await client.postJson("/api/auth/register", signup(), {
      "x-forwarded-for": randomTestAddress(),
    });
    statuses.push(res.status);
  }
  // Both instances took sign-ups, and the limit held across them (Redis).
  expect(statuses).toEqual([...Array(SIGNUP_LIMIT).fill(201), ...Array(SIGNUP_LIMIT).fill(429)]);
  expect(new Set(upstreamsLogged().slice(before))).toEqual(
    new Set([instanceAddress("a"), instanceAddress("b")]),
  );
  // Another client (another address) has a quota of its own: the limit is not nginx's address.
  const other = clientFrom(randomLoopback(), URL_);
  expect((await other.postJson("/api/auth/register", signup())).status).toBe(201);
});

test("rolling restart: each instance stopped (SIGTERM) and started again while a client calls — no call fails", async () => {
  test.setTimeout(240_000);
  const account = await createAccount({ credits: 100_000, noRateLimit: true });
  const failures: string[] = [];
  let calls = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const res = await chat(account.key);
        calls += 1;
        if (res.status !== 200) failures.push(`${res.status}: ${await res.text()}`);
        else await res.json();
      } catch (error) {
        failures.push(String(error));
      }
    }
  };
  const clients = [loop(), loop()];
  for (const name of ["a", "b"] as const) {
    await stopInstance(name);
    const stoppedAt = upstreamsLogged().length;
    await startInstance(name);
    // As docs/deploy.md says: the next one is stopped only once this one serves again.
    await expect.poll(() => upstreamsLogged().slice(stoppedAt)).toContain(instanceAddress(name));
  }
  running = false;
  await Promise.all(clients);
  expect(failures.length, fs.readFileSync(path.join(dir, "error.log"), "utf8").slice(-3000)).toBe(0);
  expect(failures).toEqual([]);
  expect(calls).toBeGreaterThan(20);
});

test("SIGTERM drains: a stream in flight on the stopped instance finishes whole; new calls go to the other", async () => {
  const account = await createAccount({ credits: 1_000, noRateLimit: true });
  const res = await chat(account.key, "Tell me a story [[sim:slow=200]]", { stream: true, max_tokens: 12 });
  expect(res.status).toBe(200);
  const upstream = res.headers.get("x-served-by");
  const name = upstream === instanceAddress("a") ? "a" : "b";
  expect(upstream).toBe(instanceAddress(name));
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body");
  const first = await reader.read();
  let text = new TextDecoder().decode(first.value);
  const stopping = stopInstance(name);
  // While it drains, calls keep being answered (by the other instance).
  for (let i = 0; i < 4; i++) expect((await chat(account.key)).status).toBe(200);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await stopping;
  expect(text.trim().endsWith("data: [DONE]")).toBe(true);
  await startInstance(name);
});
