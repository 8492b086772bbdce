import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import Redis from "ioredis";
import { createAccount, createKey, expect, test } from "../fixtures";
import { clientFrom, type OwnServer, ownPort, randomLoopback, startOwnServer } from "../own-server";
import { signedInContext } from "./billing-helpers";

// Redis going away is not an outage: a production server whose Redis is down (at start-up, or
// killed under it) keeps serving API calls with in-process rate limits, stays live, reports not
// ready, lets users sign in and revoke keys, logs the outage once — and goes back to the shared
// limits by itself when Redis is back on the same port.

const redisPort = ownPort(81);
const REVOKED_CHANNEL = "kimi:api-key-revoked";
let redisServer: ChildProcess | undefined;
let server: OwnServer;
let account: Awaited<ReturnType<typeof createAccount>>;

async function startRedis(): Promise<void> {
  const child = spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  redisServer = child;
}

async function killRedis(): Promise<void> {
  const child = redisServer;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

/** The key's count in Redis for the current minute window, as every instance would share it. */
async function sharedMinuteCount(keyId: string): Promise<number> {
  const client = new Redis(redisPort, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    return Number(await client.get(`kimi:rl:minute:${keyId}`));
  } finally {
    client.disconnect();
  }
}

async function listModels(key: string) {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/models`, { headers: { Authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return { res, ms: performance.now() - started };
}

async function ready() {
  const res = await fetch(`${server.url}/api/ready`);
  return { status: res.status, body: (await res.json()) as unknown };
}

const METRICS_TOKEN = "redis-outage-metrics-token";

/** kimi_redis_fallback as each process reports it, from the server's /metrics. */
async function redisFallback(): Promise<Record<string, number>> {
  const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const values = [...text.matchAll(/^kimi_redis_fallback\{process="(\w+)"\} (\d+)$/gm)];
  return Object.fromEntries(values.map((m) => [m[1], Number(m[2])]));
}

const downLines = (log: string) => log.split("\n").filter((line) => line.includes('"redis":"down"')).length;

test.describe
  .serial("Redis down", () => {
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      // Redis is not running yet: the server must start all the same.
      server = await startOwnServer(ownPort(80), {
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        METRICS_TOKEN,
      });
      // A tier with 200 calls a minute: room for every call below.
      account = await createAccount({ credits: 5_000 });
    });

    test.afterAll(async () => {
      await server?.stop();
      await killRedis();
    });

    test("a server started while Redis is down serves API calls with limits, is live and not ready", async () => {
      const { res } = await listModels(account.key);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toMatch(/^\d+$/);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(await ready()).toEqual({
        status: 503,
        body: { status: "not ready", checks: { database: "ok", redis: "unavailable" } },
      });
    });

    test("once Redis is up the server is ready and counts in Redis", async () => {
      await startRedis();
      await expect.poll(async () => (await ready()).status, { timeout: 15_000 }).toBe(200);
      expect((await ready()).body).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
      const fresh = await createKey(account.id);
      for (let i = 0; i < 3; i++) expect((await listModels(fresh.key)).res.status).toBe(200);
      expect(await sharedMinuteCount(fresh.id)).toBe(3);
    });

    test("Redis killed: API calls stay quick with in-process limits, sign-in and revocation work, one log line", async () => {
      test.setTimeout(90_000);
      const logBefore = server.output().length;
      await killRedis();

      const calls = [];
      for (let i = 0; i < 40; i++) calls.push(await listModels(account.key));
      for (const { res } of calls) {
        expect(res.status).toBe(200);
        expect(res.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
      }
      // Each call fails over to the in-process limits at once, not after a Redis timeout.
      expect(Math.max(...calls.map((c) => c.ms))).toBeLessThan(1_000);
      // The in-process count goes on call by call.
      const remaining = calls.map(({ res }) => Number(res.headers.get("x-ratelimit-remaining")));
      expect(remaining.at(-1)).toBeLessThan(remaining[0] as number);

      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(await ready()).toEqual({
        status: 503,
        body: { status: "not ready", checks: { database: "ok", redis: "unavailable" } },
      });

      expect(await clientFrom(randomLoopback(), server.url).signIn(account.email, account.password)).toBe(
        "ok",
      );
      const doomed = await createKey(account.id);
      expect((await listModels(doomed.key)).res.status).toBe(200);
      const dashboard = await signedInContext(account.email, account.password, server.url);
      try {
        expect((await dashboard.delete(`/api/keys/${doomed.id}`)).status()).toBe(200);
      } finally {
        await dashboard.dispose();
      }
      expect((await listModels(doomed.key)).res.status).toBe(401);

      // One line per process that uses Redis (the gateway, Next.js), not one per call or reconnect.
      const log = server.output().slice(logBefore);
      expect(downLines(log)).toBeGreaterThanOrEqual(1);
      expect(downLines(log)).toBeLessThanOrEqual(2);
      expect(log).not.toContain("Unhandled error event");
      // The operator sees the fallback: the gateway, which served the calls above, reports it.
      expect((await redisFallback()).gateway).toBe(1);
    });

    test("Redis back on the same port: ready again, and the limits are shared again", async () => {
      await startRedis();
      await expect.poll(async () => (await ready()).status, { timeout: 15_000 }).toBe(200);
      const fresh = await createKey(account.id);
      for (let i = 0; i < 4; i++) expect((await listModels(fresh.key)).res.status).toBe(200);
      expect(await sharedMinuteCount(fresh.id)).toBe(4);
      expect(server.output()).toContain('"redis":"up"');
      await expect.poll(redisFallback, { timeout: 15_000 }).toEqual({ gateway: 0, next: 0 });
    });

    test("Redis back: the server listens for revocations again and fans its own out", async () => {
      const listener = new Redis(redisPort, "127.0.0.1");
      const admin = new Redis(redisPort, "127.0.0.1");
      try {
        const heard: string[] = [];
        listener.on("message", (_channel: string, keyId: string) => heard.push(keyId));
        await listener.subscribe(REVOKED_CHANNEL);
        const subscribers = async () => {
          const reply = (await admin.pubsub("NUMSUB", REVOKED_CHANNEL)) as [string, number];
          return Number(reply[1]);
        };
        // This listener and the gateway's subscriber, which re-subscribed after the reconnect.
        await expect.poll(subscribers, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

        // Next's own client (which publishes the dashboard's revocations) reconnects on its own
        // schedule, up to 2 s after the gateway's: until then a revocation is local only (others
        // drop the key within the key cache's 5 s). So revoke until one is heard.
        const revoked: string[] = [];
        const dashboard = await signedInContext(account.email, account.password, server.url);
        try {
          await expect
            .poll(
              async () => {
                const doomed = await createKey(account.id);
                expect((await dashboard.delete(`/api/keys/${doomed.id}`)).status()).toBe(200);
                revoked.push(doomed.id);
                return revoked.some((id) => heard.includes(id));
              },
              { timeout: 15_000 },
            )
            .toBe(true);
        } finally {
          await dashboard.dispose();
        }
      } finally {
        listener.disconnect();
        admin.disconnect();
      }
    });
  });
