import { API_BASE, BASE_URL, createAccount, expect, requestLogs, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// GET /api/user/credits: with an API key (either header) or the dashboard session.

test.use({ accountOptions: { credits: 100 } });

async function chat(key: string, content: string) {
  const res = await fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content }] }),
  });
  expect(res.status).toBe(200);
  await res.json();
}

test("reports balance, totals, usage by day and hour and grants, for a key and for a session", async ({
  request,
  account,
}) => {
  for (const prompt of ["one", "two", "three"]) await chat(account.key, prompt);
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(3);

  const res = await request.get(`${BASE_URL}/api/user/credits`, {
    headers: { Authorization: `Bearer ${account.key}` },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-request-id"]).toMatch(/^req_/);
  expect(res.headers()["x-ratelimit-limit"]).toBeTruthy();
  const body = await res.json();
  expect(body).toMatchObject({
    object: "credits",
    balance: 97,
    total_consumed: 3,
    total_requests: 3,
    successful_requests: 3,
    avg_tokens_per_request: expect.any(Number),
  });
  expect(body.avg_tokens_per_request).toBeGreaterThan(0);
  expect(body.total_tokens).toBeGreaterThan(0);
  expect(body.usage_by_day).toHaveLength(30);
  expect(body.usage_by_hour).toHaveLength(48);
  expect(body.usage_by_day.at(-1)).toMatchObject({
    date: new Date().toISOString().slice(0, 10),
    requests: 3,
    credits: 3,
  });
  expect(body.usage_by_hour.at(-1)).toMatchObject({ requests: 3, credits: 3, errors: 0 });
  expect(body.grants).toEqual([
    {
      id: expect.any(String),
      source: "signup",
      amount: 100,
      remaining: 97,
      expires_at: null,
      created_at: expect.any(String),
    },
  ]);

  const viaXApiKey = await request.get(`${BASE_URL}/api/user/credits`, {
    headers: { "X-API-Key": account.key },
  });
  expect(viaXApiKey.status()).toBe(200);
  expect((await viaXApiKey.json()).balance).toBe(97);

  const ctx = await signedInContext(account.email, account.password);
  const viaSession = await ctx.get("/api/user/credits");
  expect(viaSession.status()).toBe(200);
  expect(await viaSession.json()).toMatchObject({ balance: 97, total_requests: 3, total_consumed: 3 });
  await ctx.dispose();
});

test("answers 401 without valid credentials", async ({ request }) => {
  const account = await createAccount();
  const { revokeApiKey } = await import("@/lib/data/api-keys");
  const revoked = await createAccount();
  await revokeApiKey({ userId: revoked.id, keyId: revoked.keyId });

  const cases: Array<{ name: string; headers: Record<string, string> }> = [
    { name: "no credentials", headers: {} },
    { name: "unknown key", headers: { Authorization: "Bearer sk-kimi-not-a-real-key-000000000000" } },
    { name: "empty bearer", headers: { Authorization: "Bearer " } },
    { name: "not a key at all", headers: { "X-API-Key": "hello" } },
    { name: "revoked key", headers: { Authorization: `Bearer ${revoked.key}` } },
    { name: "session cookie that is not a session", headers: { Cookie: "authjs.session-token=forged" } },
  ];
  for (const c of cases) {
    const res = await request.get(`${BASE_URL}/api/user/credits`, { headers: c.headers });
    expect(res.status(), c.name).toBe(401);
    const body = await res.json();
    expect(body.error.code, c.name).toBe("invalid_api_key");
    expect(JSON.stringify(body)).not.toContain(account.key);
  }
});

test("answers a CORS preflight", async ({ request }) => {
  const res = await request.fetch(`${BASE_URL}/api/user/credits`, { method: "OPTIONS" });
  expect(res.status()).toBe(204);
  expect(res.headers()["access-control-allow-origin"]).toBe("*");
  expect(res.headers()["access-control-allow-headers"]).toContain("X-API-Key");
});
