import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatorServer, type SimulatorStats, startSimulatorServer } from "./simulator";

// The standalone simulator's GET /stats: what e2e tests read to see that the gateway aborted an
// upstream request when its client went away.

let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ chunkIntervalMs: 20, name: "primary" });
});
afterAll(() => server.close());

async function stats(): Promise<SimulatorStats> {
  const res = await fetch(`${server.url}/stats`);
  expect(res.headers.get("content-type")).toContain("application/json");
  return (await res.json()) as SimulatorStats;
}

function chat(body: Record<string, unknown>, signal?: AbortSignal) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2-0905-preview", ...body }),
    signal,
  });
}

describe("GET /stats", () => {
  it("counts requests, and per `user` field those finished and those aborted", async () => {
    const before = await stats();
    const done = await chat({ messages: [{ role: "user", content: "hi" }], user: "stats-finished" });
    expect(done.status).toBe(200);
    await done.text();

    const client = new AbortController();
    const streaming = await chat(
      { messages: [{ role: "user", content: "tell me a long story" }], stream: true, user: "stats-aborted" },
      client.signal,
    );
    const reader = streaming.body?.getReader() ?? expect.fail("no body");
    await reader.read();
    client.abort();

    await expect
      .poll(async () => (await stats()).byUser["stats-aborted"])
      .toEqual({ requests: 1, aborted: 1 });
    const after = await stats();
    expect(after.byUser["stats-finished"]).toEqual({ requests: 1, aborted: 0 });
    expect(after.requests - before.requests).toBe(2);
    expect(after.aborted - before.aborted).toBe(1);
    expect(server.stats()).toEqual(after);
  });

  it("does not count an upstream's own drop as a client abort", async () => {
    const res = await chat({
      messages: [{ role: "user", content: "story [[sim:drop-after=2]]" }],
      stream: true,
      user: "stats-dropped",
    });
    await expect(res.text()).rejects.toThrow();
    await expect
      .poll(async () => (await stats()).byUser["stats-dropped"])
      .toEqual({ requests: 1, aborted: 0 });
  });
});
