import http from "node:http";
import { rawConnection } from "../../test/support/raw-connection";
import { API_BASE, BASE_URL, createAccount, expect, requestLogs, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";
import { startStripeModeServer } from "./stripe-server";

// The production server (server/main.ts) is two processes: the gateway answers API-key
// requests itself and proxies everything else to Next.js. These check the seams between them.

test.use({ accountOptions: { credits: 10 } });

const hello = { model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] };

function chat(key: string) {
  return fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(hello),
  });
}

test("a key revoked on the dashboard is refused by the gateway process at once, though it was cached", async ({
  account,
}) => {
  // Used, so the gateway process holds it in its key cache (5 s).
  expect((await chat(account.key)).status).toBe(200);

  const dashboard = await signedInContext(account.email, account.password);
  const revoked = await dashboard.delete(`/api/keys/${account.keyId}`);
  expect(revoked.status()).toBe(200);
  expect((await revoked.json()).status).toBe("revoked");

  // No wait: the revocation reached the gateway before the dashboard answered.
  const refused = await chat(account.key);
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.code).toBe("invalid_api_key");
  await dashboard.dispose();
});

test("pages, Auth.js and the dashboard's routes are served by Next.js behind the gateway", async () => {
  const page = await fetch(`${BASE_URL}/pricing`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  expect(await page.text()).toContain("Starter");

  const csrf = await fetch(`${BASE_URL}/api/auth/csrf`);
  expect(csrf.status).toBe(200);
  expect((await csrf.json()).csrfToken).toEqual(expect.any(String));

  // A session route without a session: Next's wrapper answers, in the UI's JSON shape.
  const keys = await fetch(`${BASE_URL}/api/keys`);
  expect(keys.status).toBe(401);
  expect((await keys.json()).error.code).toBe("unauthorized");

  // Unknown /api/v1 paths and methods a route does not export still get Next's answers.
  const unknown = await fetch(`${API_BASE}/nope`, { method: "POST" });
  expect(unknown.status).toBe(404);
  expect((await unknown.json()).error.code).toBe("not_found");
});

test("GET /api/user/credits: an API key is served by the gateway, a session by Next, with the same report", async () => {
  const account = await createAccount({ credits: 7 });
  const withKey = await fetch(`${BASE_URL}/api/user/credits`, {
    headers: { Authorization: `Bearer ${account.key}` },
  });
  expect(withKey.status).toBe(200);
  expect(withKey.headers.get("x-ratelimit-limit")).toBe("20");
  const dashboard = await signedInContext(account.email, account.password);
  const withSession = await dashboard.get("/api/user/credits");
  expect(withSession.status()).toBe(200);
  const [a, b] = [await withKey.json(), await withSession.json()];
  expect(a.balance).toBe(7);
  expect(b.balance).toBe(7);
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  await dashboard.dispose();
});

test("the gateway writes request logs for the calls it serves, attributed to the key", async () => {
  const account = await createAccount({ credits: 5 });
  const res = await chat(account.key);
  expect(res.status).toBe(200);
  const requestId = res.headers.get("x-request-id");
  await expect
    .poll(async () => (await requestLogs(account.id)).map((l) => [l.id, l.apiKeyId, l.status]))
    .toEqual([[requestId, account.keyId, 200]]);
});

test("an Upgrade request that Next refuses ends its own socket, never the server", async () => {
  for (const path of ["/api/health", "/api/v1/models", "/"]) {
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request(`${BASE_URL}${path}`, {
        headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13" },
      });
      req.once("upgrade", (_res, socket) => {
        socket.destroy();
        resolve("upgraded");
      });
      req.once("response", (res) => resolve(`status ${res.statusCode}`));
      req.once("error", (error) => resolve(`closed: ${(error as NodeJS.ErrnoException).code}`));
      req.end();
    });
    expect(outcome, path).not.toBe("upgraded");
  }
  const health = await fetch(`${BASE_URL}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
});

test("a big body that Next answers before reading it: the answer arrives, and the connection serves the next request", async () => {
  // The webhook is served only in Stripe mode: a server of this test's own.
  test.setTimeout(180_000);
  const stripe = await startStripeModeServer(56);
  try {
    await bigBodyRounds(new URL(stripe.url));
  } finally {
    await stripe.stop();
  }
});

async function bigBodyRounds(url: URL) {
  // Raw connections, so that the second request rides the same socket as the first, sent as soon
  // as the first is answered (while its body may still be on the way).
  const body = "x".repeat(600 * 1024); // over the webhook's 512 KiB: a 413 on Content-Length alone
  for (let round = 1; round <= 10; round++) {
    const socket = await rawConnection(Number(url.port), url.hostname, `round ${round}`);
    socket.write(
      `POST /api/webhooks/stripe HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        `Stripe-Signature: t=1,v1=00\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    const first = await socket.response();
    expect(first, `round ${round}`).toMatch(/^HTTP\/1\.1 413 /);
    expect(first, `round ${round}`).toContain("body_too_large");

    // The next event on the same connection: read, and refused for its signature.
    socket.write(
      `POST /api/webhooks/stripe HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        "Stripe-Signature: t=1,v1=00\r\nContent-Length: 2\r\n\r\n{}",
    );
    const second = await socket.response();
    expect(second, `round ${round}`).toMatch(/^HTTP\/1\.1 400 /);
    socket.destroy();
  }
}
