import {
  type Account,
  API_BASE,
  BASE_URL,
  createAccount,
  createKey,
  expect,
  requestLogs,
  test,
} from "../fixtures";
import { signedInContext } from "./billing-helpers";

// GET /api/activity and /api/activity/export over HTTP: the signed-in user's own calls only, each
// filter, cursor paging that new calls do not shift, and a CSV that a spreadsheet cannot run.

interface ActivityJson {
  data: Array<{
    id: string;
    model: string;
    keyId: string | null;
    key: string;
    surface: string;
    promptTokens: number;
    completionTokens: number;
    durationMs: number;
    status: string;
    httpStatus: number;
    errorCode: string | null;
    reason: string | null;
    credits: number;
  }>;
  older: string | null;
  newer: string | null;
}

async function chat(key: string, model: string, content: string) {
  return fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
}

async function message(key: string, content: string) {
  return fetch(`${API_BASE}/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", max_tokens: 64, messages: [{ role: "user", content }] }),
  });
}

async function calls(account: Account, secondKey: string) {
  const ok = await chat(account.key, "kimi-k2", "hello");
  expect(ok.status).toBe(200);
  // Every upstream fails: a 502, refunded.
  const failed = await chat(account.key, "kimi-k2", "[[sim:fail=500]]");
  expect(failed.status).toBe(502);
  const viaMessages = await message(secondKey, "hi there");
  expect(viaMessages.status).toBe(200);
  const other = await chat(secondKey, "kimi-k2-0905", "hello again");
  expect(other.status).toBe(200);
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(4);
  return {
    ok: ok.headers.get("x-request-id"),
    failed: failed.headers.get("x-request-id"),
    viaMessages: viaMessages.headers.get("x-request-id"),
    other: other.headers.get("x-request-id"),
  };
}

test("lists the user's own calls with their figures, filtered and paged", async () => {
  const account = await createAccount({ credits: 100 });
  const second = await createKey(account.id, { name: "second key" });
  const stranger = await createAccount({ credits: 10 });
  expect((await chat(stranger.key, "kimi-k2", "not yours")).status).toBe(200);
  const strangerRequest = (await requestLogs(stranger.id))[0]?.id;
  const ids = await calls(account, second.key);

  const ctx = await signedInContext(account.email, account.password);
  const all = (await (await ctx.get("/api/activity")).json()) as ActivityJson;
  expect(all.data.map((r) => r.id)).toEqual([ids.other, ids.viaMessages, ids.failed, ids.ok]);
  const [other, viaMessages, failed, ok] = all.data;
  expect(ok).toMatchObject({
    model: "kimi-k2",
    key: "e2e",
    keyId: account.keyId,
    surface: "Chat completions",
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    reason: null,
    credits: 1,
  });
  expect(ok?.promptTokens).toBeGreaterThan(0);
  expect(ok?.completionTokens).toBeGreaterThan(0);
  expect(ok?.durationMs).toBeGreaterThan(0);
  expect(failed).toMatchObject({
    status: "failed",
    httpStatus: 502,
    errorCode: "upstream_error",
    reason: "The provider returned an error",
    credits: 0,
    completionTokens: 0,
  });
  expect(viaMessages).toMatchObject({ surface: "Messages", key: "second key", keyId: second.id, credits: 1 });
  expect(other).toMatchObject({ model: "kimi-k2-0905", surface: "Chat completions" });

  const filtered = async (search: string) =>
    ((await (await ctx.get(`/api/activity?${search}`)).json()) as ActivityJson).data.map((r) => r.id);
  expect(await filtered(`key=${second.id}`)).toEqual([ids.other, ids.viaMessages]);
  expect(await filtered(`key=${account.keyId}&status=ok`)).toEqual([ids.ok]);
  expect(await filtered("status=failed")).toEqual([ids.failed]);
  expect(await filtered("model=kimi-k2-0905")).toEqual([ids.other]);
  expect(await filtered(`request=${ids.failed}`)).toEqual([ids.failed]);
  // Another user's call, by its id, is not there; another user's key is a 404.
  expect(await filtered(`request=${strangerRequest}`)).toEqual([]);
  const foreignKey = await ctx.get(`/api/activity?key=${stranger.keyId}`);
  expect(foreignKey.status()).toBe(404);
  expect(await foreignKey.json()).toEqual({ error: { code: "not_found", message: "No such API key." } });
  expect((await ctx.get(`/api/activity/export?key=${stranger.keyId}`)).status()).toBe(404);

  // Pages of two: a call made between reading them shifts nothing.
  const first = (await (await ctx.get("/api/activity?limit=2")).json()) as ActivityJson;
  expect(first.data.map((r) => r.id)).toEqual([ids.other, ids.viaMessages]);
  expect(first.newer).toBeNull();
  expect((await chat(account.key, "kimi-k2", "meanwhile")).status).toBe(200);
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(5);
  const next = (await (await ctx.get(`/api/activity?limit=2&after=${first.older}`)).json()) as ActivityJson;
  expect(next.data.map((r) => r.id)).toEqual([ids.failed, ids.ok]);
  expect(next.older).toBeNull();
  const back = (await (await ctx.get(`/api/activity?limit=2&before=${next.newer}`)).json()) as ActivityJson;
  expect(back.data.map((r) => r.id)).toEqual([ids.other, ids.viaMessages]);
  expect(back.newer).not.toBeNull();

  for (const bad of ["status=maybe", "after=not-a-cursor", "limit=5000"]) {
    const res = await ctx.get(`/api/activity?${bad}`);
    expect(res.status(), bad).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  }
  await ctx.dispose();
});

test("answers 401 without a session, and never to an API key", async ({ request }) => {
  const account = await createAccount();
  for (const path of ["/api/activity", "/api/activity/export"]) {
    expect((await request.get(`${BASE_URL}${path}`)).status()).toBe(401);
    const withKey = await request.get(`${BASE_URL}${path}`, {
      headers: { Authorization: `Bearer ${account.key}` },
    });
    expect(withKey.status()).toBe(401);
  }
});

test("exports the current filter as CSV, escaped and formula-safe", async () => {
  const account = await createAccount({ credits: 50 });
  const hostile = await createKey(account.id, { name: '=HYPERLINK("http://evil.example","x"), @me' });
  expect((await chat(account.key, "kimi-k2", "one")).status).toBe(200);
  expect((await chat(hostile.key, "kimi-k2", "two")).status).toBe(200);
  expect((await chat(hostile.key, "kimi-k2", "[[sim:fail=500]]")).status).toBe(502);
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(3);

  const ctx = await signedInContext(account.email, account.password);
  const res = await ctx.get(`/api/activity/export?key=${hostile.id}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(
    /^attachment; filename="kimi-activity-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const lines = (await res.text()).split("\r\n");
  expect(lines.at(-1)).toBe("");
  expect(lines[0]).toBe(
    "time_utc,request_id,model,key,surface,stream,prompt_tokens,completion_tokens,duration_ms,status,http_status,error_code,reason,credits",
  );
  expect(lines).toHaveLength(4); // header, two calls, the final line break
  const key = `"'=HYPERLINK(""http://evil.example"",""x""), @me"`;
  expect(lines[1]).toMatch(
    new RegExp(
      `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,req_\\w+,kimi-k2,${escapeRegExp(key)},Chat completions,false,\\d+,0,\\d+,failed,502,upstream_error,The provider returned an error,0$`,
    ),
  );
  expect(lines[2]).toMatch(
    new RegExp(`,kimi-k2,${escapeRegExp(key)},Chat completions,false,[1-9]\\d*,[1-9]\\d*,\\d+,ok,200,,,1$`),
  );

  const failedOnly = (await (await ctx.get("/api/activity/export?status=failed")).text()).split("\r\n");
  expect(failedOnly).toHaveLength(3);
  await ctx.dispose();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
