import net from "node:net";
import { type SimulatorServer, startSimulatorServer } from "../../scripts/simulator";
import { createAccount, expect, test } from "../fixtures";
import { type OwnServer, ownPort, startOwnServer } from "../own-server";

// Readiness while the production server drains: once told to stop (SIGTERM) it takes no new
// connection, and a request that still arrives on an open one hears GET /api/ready answer 503
// "draining" — while the call in flight before it is still answered in full.

let upstream: SimulatorServer;
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Slow enough that the call is still in flight when the server is told to stop.
  upstream = await startSimulatorServer({ port: ownPort(82), latencyMs: 2_000 });
  server = await startOwnServer(ownPort(83), {
    MOONSHOT_BASE_URL: `${upstream.url}/v1`,
    AIMLAPI_BASE_URL: `${upstream.url}/v1`,
    REDIS_URL: undefined,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await upstream?.close();
});

/** Whether a new connection to the port is still accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test("GET /api/ready: ready, then 503 draining after SIGTERM, on a connection still open", async () => {
  // Polled: the first database check of a fresh server may be slow on a busy machine.
  await expect
    .poll(async () => {
      const ready = await fetch(`${server.url}/api/ready`);
      return { status: ready.status, body: await ready.json() };
    })
    .toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", redis: "not configured" } } });

  const account = await createAccount({ credits: 10 });
  const port = ownPort(83);
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const body = JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] });
  socket.write(
    `POST /api/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${account.key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  await expect.poll(() => upstream.requests).toBe(1);

  const stopped = server.stop();
  await expect.poll(() => accepts(port)).toBe(false);
  // The same connection, still busy with the call: the probe is answered after it.
  socket.write("GET /api/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  await closed;
  await stopped;

  const answers = received.split(/(?=HTTP\/1\.1 \d{3} )/);
  expect(answers).toHaveLength(2);
  expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /);
  expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
  const probe = answers[1] as string;
  expect(JSON.parse(probe.slice(probe.indexOf("\r\n\r\n") + 4))).toEqual({
    status: "not ready",
    checks: { database: "ok", redis: "not configured", server: "draining" },
  });
});
