import { createAccount, database, expect, test } from "../fixtures";
import { type OwnServer, ownPort, startExpectingRefusal, startOwnServer } from "../own-server";
import { signedInContext } from "./billing-helpers";

// The operator's numbers on the production server: API calls (counted in the gateway) and the
// playground's (counted in Next, its child) in one scrape, on the public port with the token and
// on the private listener without; and one access-log line per call, which names the key by id.

const TOKEN = "metrics-e2e-token-metrics-e2e-token";
const metricsPort = ownPort(86);
let server: OwnServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  server = await startOwnServer(ownPort(85), {
    LOG_LEVEL: "info",
    METRICS_TOKEN: TOKEN,
    METRICS_PORT: String(metricsPort),
  });
});
test.afterAll(async () => server?.stop());

type Samples = Array<{ name: string; labels: Record<string, string>; value: number }>;

function parse(text: string): Samples {
  const samples: Samples = [];
  for (const line of text.split("\n")) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum over every series of `name` whose labels include `labels` (both processes). */
function sum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

async function scrapePrivate(): Promise<Samples> {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parse(await res.text());
}

function chat(key: string, content: string) {
  return fetch(`${server.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content }] }),
  });
}

test("the public /metrics answers only to the token", async () => {
  for (const authorization of [undefined, "Bearer wrong-token-wrong-token-wrong", `Basic ${TOKEN}`]) {
    const res = await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
    expect(res.status, authorization ?? "no Authorization").toBe(401);
    expect(await res.text()).toBe("");
  }
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const samples = parse(await res.text());
  // Both processes answer, each with its default process metrics.
  expect(sum(samples, "process_resident_memory_bytes", { process: "gateway" })).toBeGreaterThan(0);
  expect(sum(samples, "process_resident_memory_bytes", { process: "next" })).toBeGreaterThan(0);
});

test("API and playground calls move the figures, and each call has one access-log line", async () => {
  test.setTimeout(60_000);
  const account = await createAccount({ credits: 100 });
  await (await database()).apiKey.update({ where: { id: account.keyId }, data: { rateLimitPerMinute: 3 } });
  const before = await scrapePrivate();

  const served = await chat(account.key, "Hello");
  expect(served.status).toBe(200);
  await served.json();
  const failedOver = await chat(account.key, "Hello [[sim:fail=500@primary]]");
  expect(failedOver.status).toBe(200);
  expect(failedOver.headers.get("x-upstream")).toBe("aimlapi");
  await failedOver.json();
  const refunded = await chat(account.key, "Hello [[sim:fail=500]]");
  expect(refunded.status).toBe(502);
  await refunded.json();
  const refused = await chat(account.key, "Hello");
  expect(refused.status).toBe(429);
  await refused.json();

  const dashboard = await signedInContext(account.email, account.password, server.url);
  const playground = await dashboard.post("/api/playground/chat", {
    data: { model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] },
  });
  expect(playground.status()).toBe(200);
  await playground.body();
  await dashboard.dispose();

  const after = await scrapePrivate();
  const moved = (name: string, labels: Record<string, string> = {}) =>
    sum(after, name, labels) - sum(before, name, labels);
  const openai = { surface: "openai", model: "kimi-k2" };
  // The server is this spec's own: each figure moved by exactly these calls.
  expect({
    served: moved("kimi_requests_total", { ...openai, upstream: "moonshot", status: "200" }),
    failedOver: moved("kimi_requests_total", { ...openai, upstream: "aimlapi", status: "200" }),
    failed: moved("kimi_requests_total", { ...openai, status: "502" }),
    refused: moved("kimi_requests_total", { surface: "openai", model: "none", status: "429" }),
    playground: moved("kimi_requests_total", { surface: "playground", model: "kimi-k2", status: "200" }),
    playgroundInNext: moved("kimi_requests_total", { surface: "playground", process: "next" }),
    apiDurations: moved("kimi_request_duration_seconds_count", { surface: "openai" }),
    playgroundTtfbs: moved("kimi_time_to_first_byte_seconds_count", { surface: "playground" }),
    failovers: moved("kimi_upstream_failovers_total", { from: "moonshot" }),
    secondaryFailures: moved("kimi_upstream_failures_total", { upstream: "aimlapi", reason: "5xx" }),
    reserved: moved("kimi_credits_reserved_total", { surface: "openai" }),
    refunded: moved("kimi_credits_refunded_total", { surface: "openai" }),
    playgroundReserved: moved("kimi_credits_reserved_total", { surface: "playground" }),
    rateLimitRefusals: moved("kimi_rate_limit_refusals_total", { subject: "api", window: "minute" }),
  }).toEqual({
    served: 1,
    failedOver: 1,
    failed: 1,
    refused: 1,
    playground: 1,
    playgroundInNext: 1,
    apiDurations: 4,
    playgroundTtfbs: 1,
    failovers: 2,
    secondaryFailures: 1,
    reserved: 3,
    refunded: 1,
    playgroundReserved: 1,
    rateLimitRefusals: 1,
  });
  expect(sum(after, "kimi_redis_fallback")).toBe(0);
  expect(after.some((s) => s.name === "kimi_request_log_queue" && s.labels.process === "gateway")).toBe(true);

  const lines = server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === "access" && line.userId === account.id);
  const byId = (res: Response) => lines.filter((l) => l.requestId === res.headers.get("x-request-id"));
  expect(byId(failedOver)).toEqual([
    expect.objectContaining({
      keyId: account.keyId,
      surface: "openai",
      model: "kimi-k2",
      upstream: "aimlapi",
      status: 200,
      errorCode: null,
      credits: 1,
      durationMs: expect.any(Number),
    }),
  ]);
  expect(byId(refunded)).toEqual([
    expect.objectContaining({ status: 502, errorCode: "upstream_error", credits: 0 }),
  ]);
  expect(byId(refused)).toEqual([
    expect.objectContaining({
      keyId: account.keyId,
      status: 429,
      errorCode: "rate_limit_exceeded",
      model: null,
    }),
  ]);
  expect(lines.filter((l) => l.surface === "playground")).toEqual([
    expect.objectContaining({ requestId: playground.headers()["x-request-id"], keyId: null, status: 200 }),
  ]);
  expect(server.output()).not.toContain(account.key);
});

test("a metrics setting that cannot work stops the server at start, naming it", async () => {
  const shortToken = await startExpectingRefusal(ownPort(87), { METRICS_TOKEN: "short" });
  expect(shortToken).toMatchObject({ ready: false, code: 1 });
  expect(shortToken.output).toContain("METRICS_TOKEN: must be at least 16 characters");
  // The private listener's port is taken (by the server above).
  const portTaken = await startExpectingRefusal(ownPort(88), { METRICS_PORT: String(metricsPort) });
  expect(portTaken).toMatchObject({ ready: false, code: 1 });
  expect(portTaken.output).toContain(`METRICS_PORT: cannot listen on 127.0.0.1:${metricsPort}`);
});

test("without a token configured, the public port has no /metrics", async () => {
  const plain = await startOwnServer(ownPort(89), { METRICS_TOKEN: undefined, METRICS_PORT: undefined });
  try {
    const res = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
  } finally {
    await plain.stop();
  }
});
