import { once } from "node:events";
import net from "node:net";
import { rawConnection } from "../../test/support/raw-connection";
import { chunkedUpload, untilClosed } from "../../test/support/test-uploads";
import { createAccount, expect, test } from "../fixtures";
import { type OwnServer, ownPort, startOwnServer } from "../own-server";

// What a client sends the production server is bounded in size and time on every route, those
// Next.js answers included: bodies over their route's limit are refused before Next reads them,
// and a request that does not arrive whole within BODY_TIMEOUT_MS gets a 408 and is closed. A
// server of its own, for a body timeout short enough to wait for.

const port = ownPort(65);
const url = `http://127.0.0.1:${port}`;
const BODY_TIMEOUT_MS = 2_000;
const HUNDRED_MB = 100 * 1024 * 1024;

// In order, in one worker: one server for them all (a failure restarts the worker, and the server).
test.describe.configure({ mode: "default" });

let server: OwnServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(port, {
    BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    // Stripe mode: the webhook is a route of Next's that reads its body before anything else.
    PAYMENTS_TEST_MODE: "off",
    STRIPE_SECRET_KEY: "sk_test_body_limits",
    STRIPE_WEBHOOK_SECRET: "whsec_body_limits",
  });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Both processes still answer: Next (a page, its health route) and the gateway (an API call). */
async function expectServing(): Promise<void> {
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  expect((await fetch(`${url}/pricing`)).status).toBe(200);
  const account = await createAccount();
  const models = await fetch(`${url}/api/v1/models`, { headers: { Authorization: `Bearer ${account.key}` } });
  expect(models.status).toBe(200);
}

/** Posts up to 100 MB, chunked; what came back, how much had gone out by then, and how long it took. */
async function postHundredMegabytes(path: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const upload = chunkedUpload(port, path, headers);
  await upload.write(HUNDRED_MB);
  const answer = await upload.response;
  return { ...answer, sent: upload.sent, ms: Date.now() - started };
}

/** Sends `head`, then a byte every 200 ms; what came back before the server closed, and when. */
async function trickle(head: string) {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  const closed = untilClosed(socket);
  const started = Date.now();
  socket.write(head);
  const timer = setInterval(() => socket.writable && socket.write("x"), 200);
  const { text, at } = await closed;
  clearInterval(timer);
  return { text, ms: at - started };
}

test("100 MB posted chunked to the sign-in callback: a 413 at once, and the gateway and Next keep serving", async () => {
  const res = await postHundredMegabytes("/api/auth/callback/credentials", {
    "content-type": "application/x-www-form-urlencoded",
  });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.code).toBe("body_too_large");
  expect(res.requestId).toMatch(/^req_/);
  // Answered long before the upload could be through: Next never got it.
  expect(res.sent).toBeLessThan(HUNDRED_MB / 10);
  expect(res.ms).toBeLessThan(5_000);
  await expectServing();
});

test("a chunked body over the webhook's limit: a 413 before the upload is through", async () => {
  const res = await postHundredMegabytes("/api/webhooks/stripe", {
    "content-type": "application/json",
    "stripe-signature": "t=1,v1=00",
  });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.code).toBe("body_too_large");
  expect(res.sent).toBeLessThan(HUNDRED_MB / 10);
  await expectServing();
});

test("a client that asked for its connection to be closed reads its refusal while it is still uploading", async ({
  account,
}) => {
  // Closed at once on the unread rest of the body, the connection was reset, and the answer with
  // it: on Next's routes (a 413 from the body guard) and on the gateway's own (its 413 for a body
  // over the API's limit, its 401 for a missing key, both sent before the body is read).
  const bearer = { authorization: `Bearer ${account.key}`, "content-type": "application/json" };
  const cases: { path: string; headers: Record<string, string>; status: number }[] = [
    { path: "/login", headers: {}, status: 413 },
    { path: "/api/v1/chat/completions", headers: bearer, status: 413 },
    { path: "/api/v1/chat/completions", headers: { "content-type": "application/json" }, status: 401 },
  ];
  for (const { path, headers, status } of cases) {
    for (const length of [{ "content-length": String(HUNDRED_MB) }, {}] as Record<string, string>[]) {
      for (let round = 0; round < 5; round++) {
        const res = await postHundredMegabytes(path, { ...headers, ...length });
        expect(res.status, `${path} ${JSON.stringify(length)}`).toBe(status);
        expect(res.sent).toBeLessThan(HUNDRED_MB);
      }
    }
  }
});

test("after a chunked body's 413 the same connection serves the next request", async () => {
  const body = "x".repeat(100 * 1024);
  const socket = await rawConnection(port, "127.0.0.1", "kept alive");
  socket.write(
    "POST /api/auth/callback/credentials HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
      `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  );
  expect(await socket.response()).toMatch(/^HTTP\/1\.1 413 /);
  socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  expect(await socket.response()).toMatch(/^HTTP\/1\.1 200 /);
  socket.destroy();
});

test("a body that trickles in gets a JSON 408 within seconds, on Next's routes and on the gateway's own", async ({
  account,
}) => {
  const heads = {
    // A route of Next's that reads its body before anything else.
    next:
      "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nStripe-Signature: t=1,v1=00\r\n" +
      "Content-Length: 1000\r\n\r\n",
    gateway:
      `POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${account.key}\r\n` +
      "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
  };
  for (const [name, head] of Object.entries(heads)) {
    const { text, ms } = await trickle(head);
    expect(text, name).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text, name).toMatch(/\r\ncontent-type: application\/json\r\n/i);
    expect(text, name).toMatch(/\r\nx-request-id: req_/i);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)), name).toEqual({
      error: { code: "request_timeout", message: "The request did not arrive whole in time." },
    });
    expect(ms, name).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 100);
    expect(ms, name).toBeLessThan(BODY_TIMEOUT_MS + 2_000);
  }
  await expectServing();
});

test("headers that trickle in (slowloris): a 408 and the connection closed within seconds", async () => {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  const closed = untilClosed(socket);
  const started = Date.now();
  socket.write("GET / HTTP/1.1\r\nHost: x\r\n");
  const timer = setInterval(() => socket.writable && socket.write("X-Slow: y\r\n"), 200);
  const { text, at } = await closed;
  clearInterval(timer);
  expect(text).toMatch(/^HTTP\/1\.1 408 /);
  expect(at - started).toBeLessThan(BODY_TIMEOUT_MS + 2_000);
});
