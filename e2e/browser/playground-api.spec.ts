import type { APIRequestContext, Page } from "@playwright/test";
import {
  BASE_URL,
  createAccount,
  creditState,
  expect,
  requestLogs,
  SAVED_SETTINGS,
  signIn,
  test,
} from "../fixtures";

// The playground's UI-facing routes over HTTP with a real session (signed in through /login):
// the chat route on the gateway pipeline, saved conversations, per-user settings. Writes carry the
// page's Origin, as the browser sends it; withSession refuses them without.

const ORIGIN = { Origin: BASE_URL };

const settings = SAVED_SETTINGS;

async function signedIn(page: Page, credits = 20): Promise<{ api: APIRequestContext; id: string }> {
  const account = await createAccount({ credits });
  await signIn(page, account, "/playground");
  return { api: page.request, id: account.id };
}

async function create(
  api: APIRequestContext,
  messages: unknown[] = [{ role: "user", content: "Hello there" }],
) {
  const res = await api.post("/api/conversations", { headers: ORIGIN, data: { settings, messages } });
  expect(res.status()).toBe(201);
  return (await res.json()).conversation as { id: string; title: string };
}

test.describe("POST /api/playground/chat", () => {
  test("streams through the gateway pipeline with the API's headers, charged and logged as playground", async ({
    page,
  }) => {
    const { api, id } = await signedIn(page, 5);
    const res = await api.post("/api/playground/chat", {
      headers: ORIGIN,
      data: {
        model: "kimi-k2-thinking",
        messages: [{ role: "user", content: "Hi" }],
        stream: true,
        stream_options: { include_usage: true },
      },
    });
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-type"]).toContain("text/event-stream");
    expect(h["x-request-id"]).toMatch(/^req_/);
    expect(h["x-credits-remaining"]).toBe("4");
    expect(h["x-credits-cost"]).toBe("1");
    expect(h["x-upstream"]).toBe("moonshot");
    // kimi-k2-thinking is deprecated: the playground says so as the API does.
    expect(h.deprecation).toBe(`@${Date.UTC(2026, 4, 25) / 1000}`);
    expect(h["x-model-successor"]).toBe("kimi-k2.6");
    expect(Number(h["x-ratelimit-limit"])).toBe(20);
    const body = await res.text();
    expect(body).toContain('"reasoning_content"');
    expect(body).toContain('"usage"');
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await expect
      .poll(async () => (await requestLogs(id)).map((l) => [l.source, l.apiKeyId, l.status, l.credits]))
      .toEqual([["playground", null, 200, 1]]);
    expect(await creditState(id)).toMatchObject({ balance: 4, ledgerSum: 4 });
  });

  const bad = [
    { name: "malformed JSON", data: "{nope", status: 400, code: "invalid_json" },
    { name: "missing messages", data: { model: "kimi-k2" }, status: 400, code: "invalid_request" },
    {
      name: "wrong type",
      data: { model: "kimi-k2", messages: [{ role: "user", content: "x" }], temperature: "hot" },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "out of range",
      data: { model: "kimi-k2", messages: [{ role: "user", content: "x" }], temperature: 3 },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "top_k on a model without it",
      data: { model: "kimi-k2", messages: [{ role: "user", content: "x" }], top_k: 5 },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "unknown model",
      data: { model: "gpt-9", messages: [{ role: "user", content: "x" }] },
      status: 400,
      code: "model_not_found",
    },
    {
      name: "huge body",
      data: { model: "kimi-k2", messages: [{ role: "user", content: "x".repeat(1_100_000) }] },
      status: 413,
      code: "body_too_large",
    },
  ];
  test("bad requests get the UI's JSON error and cost nothing", async ({ page }) => {
    const { api, id } = await signedIn(page, 5);
    for (const c of bad) {
      const res = await api.post("/api/playground/chat", {
        headers: { ...ORIGIN, "Content-Type": "application/json" },
        data: Buffer.from(typeof c.data === "string" ? c.data : JSON.stringify(c.data)),
      });
      expect(res.status(), c.name).toBe(c.status);
      expect((await res.json()).error.code, c.name).toBe(c.code);
      expect(res.headers()["x-request-id"], c.name).toMatch(/^req_/);
    }
    expect((await creditState(id)).balance).toBe(5);
  });

  test("needs a session and a same-origin request", async ({ page, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
    const res = await anonymous.post("/api/playground/chat", {
      headers: ORIGIN,
      data: { model: "kimi-k2", messages: [] },
    });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
    await anonymous.dispose();

    const { api } = await signedIn(page);
    const cross = await api.post("/api/playground/chat", {
      headers: { Origin: "https://evil.example" },
      data: { model: "kimi-k2", messages: [{ role: "user", content: "x" }] },
    });
    expect(cross.status()).toBe(403);
  });

  test("GET /api/playground/models lists the routable models with their rules", async ({ page }) => {
    const { api } = await signedIn(page);
    const res = await api.get("/api/playground/models");
    expect(res.status()).toBe(200);
    const { models } = await res.json();
    const thinking = models.find((m: { id: string }) => m.id === "kimi-k2-thinking");
    // Served by kimi-k2.6 (deprecated), with thinking on by default and switchable.
    expect(thinking).toMatchObject({
      thinking: true,
      thinkingToggle: true,
      successor: "kimi-k2.6",
      contextWindow: 262_144,
      maxOutput: 32_768,
      rules: { topK: false, temperature: { min: 1, max: 1, default: 1 } },
    });
    expect(JSON.stringify(models)).not.toContain("upstreamModel");
  });
});

test.describe("conversations", () => {
  test("create, list, read, rename, save messages, delete", async ({ page }) => {
    const { api } = await signedIn(page);
    const created = await create(api, [{ role: "user", content: "  What is   a monad?\nExplain." }]);
    expect(created.title).toBe("What is a monad? Explain.");

    const list = await (await api.get("/api/conversations")).json();
    expect(list.conversations.map((c: { id: string }) => c.id)).toEqual([created.id]);

    const stats = {
      promptTokens: 5,
      completionTokens: 9,
      estimated: false,
      ttftMs: 120,
      tokensPerSecond: 40,
      credits: 1,
      upstream: "moonshot",
      finishReason: "stop",
      outcome: "done",
      errorMessage: null,
      alternatives: [],
    };
    const put = await api.put(`/api/conversations/${created.id}/messages`, {
      headers: ORIGIN,
      data: {
        settings: { ...settings, temperature: 0.2 },
        messages: [
          { role: "user", content: "What is a monad?" },
          { role: "assistant", content: "A monoid in…", reasoning: "Hmm", model: "kimi-k2-0905", stats },
        ],
      },
    });
    expect(put.status()).toBe(200);
    const read = (await (await api.get(`/api/conversations/${created.id}`)).json()).conversation;
    expect(read.settings.temperature).toBe(0.2);
    expect(read.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ["user", "What is a monad?"],
      ["assistant", "A monoid in…"],
    ]);
    expect(read.messages[1].stats).toEqual(stats);

    const renamed = await api.patch(`/api/conversations/${created.id}`, {
      headers: ORIGIN,
      data: { title: "Monads" },
    });
    expect((await renamed.json()).conversation.title).toBe("Monads");
    expect((await api.delete(`/api/conversations/${created.id}`, { headers: ORIGIN })).status()).toBe(200);
    expect((await api.get(`/api/conversations/${created.id}`)).status()).toBe(404);
    expect((await api.delete(`/api/conversations/${created.id}`, { headers: ORIGIN })).status()).toBe(404);
  });

  test("another user's conversation is a 404 for every method", async ({ page, browser }) => {
    const { api: owner } = await signedIn(page);
    const theirs = await create(owner);
    const otherPage = await browser.newPage();
    const { api: other } = await signedIn(otherPage);
    const calls = [
      () => other.get(`/api/conversations/${theirs.id}`),
      () => other.patch(`/api/conversations/${theirs.id}`, { headers: ORIGIN, data: { title: "mine now" } }),
      () =>
        other.put(`/api/conversations/${theirs.id}/messages`, { headers: ORIGIN, data: { messages: [] } }),
      () => other.delete(`/api/conversations/${theirs.id}`, { headers: ORIGIN }),
    ];
    for (const call of calls) expect((await call()).status()).toBe(404);
    expect((await (await other.get("/api/conversations")).json()).conversations).toEqual([]);
    const still = (await (await owner.get(`/api/conversations/${theirs.id}`)).json()).conversation;
    expect(still.title).toBe("Hello there");
    expect(still.messages).toHaveLength(1);
    await otherPage.close();
  });

  test("bad bodies are refused with a clear error", async ({ page }) => {
    const { api } = await signedIn(page);
    const { id } = await create(api);
    const cases: Array<[string, string, string, unknown, number, string]> = [
      ["malformed JSON", "post", "/api/conversations", "{oops", 400, "invalid_json"],
      ["missing settings", "post", "/api/conversations", { messages: [] }, 400, "invalid_request"],
      [
        "wrong role",
        "put",
        `/api/conversations/${id}/messages`,
        { messages: [{ role: "system", content: "x" }] },
        400,
        "invalid_request",
      ],
      [
        "wrong type",
        "put",
        `/api/conversations/${id}/messages`,
        { messages: "none" },
        400,
        "invalid_request",
      ],
      ["empty title", "patch", `/api/conversations/${id}`, { title: "   " }, 400, "invalid_request"],
      ["nothing to change", "patch", `/api/conversations/${id}`, {}, 400, "invalid_request"],
      [
        "bad settings",
        "patch",
        `/api/conversations/${id}`,
        { settings: { ...settings, temperature: 9 } },
        400,
        "invalid_request",
      ],
      [
        "huge body",
        "put",
        `/api/conversations/${id}/messages`,
        { messages: Array.from({ length: 25 }, () => ({ role: "user", content: "y".repeat(190_000) })) },
        413,
        "body_too_large",
      ],
      [
        "too many messages",
        "put",
        `/api/conversations/${id}/messages`,
        { messages: Array.from({ length: 401 }, () => ({ role: "user", content: "y" })) },
        400,
        "invalid_request",
      ],
    ];
    for (const [name, method, url, data, status, code] of cases) {
      const res = await api.fetch(url, {
        method,
        headers: { ...ORIGIN, "Content-Type": "application/json" },
        data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)),
      });
      expect(res.status(), name).toBe(status);
      expect((await res.json()).error.code, name).toBe(code);
    }
    // Nothing was damaged.
    const read = (await (await api.get(`/api/conversations/${id}`)).json()).conversation;
    expect(read.messages).toHaveLength(1);
  });

  test("concurrent saves leave one consistent message list, and duplicate creates make separate conversations", async ({
    page,
  }) => {
    const { api } = await signedIn(page);
    const { id } = await create(api);
    const lists = Array.from({ length: 8 }, (_, i) =>
      Array.from({ length: i + 1 }, (_, j) => ({
        role: j % 2 ? "assistant" : "user",
        content: `save ${i} message ${j}`,
      })),
    );
    const results = await Promise.all(
      lists.map((messages) =>
        api.put(`/api/conversations/${id}/messages`, { headers: ORIGIN, data: { messages } }),
      ),
    );
    expect(results.map((r) => r.status())).toEqual(lists.map(() => 200));
    const read = (await (await api.get(`/api/conversations/${id}`)).json()).conversation;
    const contents: string[] = read.messages.map((m: { content: string }) => m.content);
    // Exactly one of the saves, whole: never a mix or a doubled list.
    expect(lists.map((l) => l.map((m) => m.content))).toContainEqual(contents);

    const twice = await Promise.all([create(api), create(api)]);
    expect(new Set(twice.map((c) => c.id)).size).toBe(2);
  });

  test("writes need the page's origin and a session", async ({ page, playwright }) => {
    const { api } = await signedIn(page);
    const res = await api.post("/api/conversations", {
      headers: { Origin: "https://evil.example" },
      data: { settings },
    });
    expect(res.status()).toBe(403);
    const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
    expect((await anonymous.get("/api/conversations")).status()).toBe(401);
    await anonymous.dispose();
  });
});

test("per-user settings are saved and read back (clamped to the model's rules)", async ({ page }) => {
  const { api } = await signedIn(page);
  expect((await (await api.get("/api/playground/settings")).json()).settings.model).toBe("kimi-k2.6");
  const saved = { ...settings, model: "kimi-k2-thinking", thinking: false, stop: ["END"] };
  expect((await api.put("/api/playground/settings", { headers: ORIGIN, data: saved })).status()).toBe(200);
  expect((await (await api.get("/api/playground/settings")).json()).settings).toEqual(saved);
  // kimi-k2-thinking is served by kimi-k2.6: its fixed temperature and missing top_k win.
  const clamped = { ...saved, temperature: 1.3, topK: 40 };
  expect((await api.put("/api/playground/settings", { headers: ORIGIN, data: clamped })).status()).toBe(200);
  expect((await (await api.get("/api/playground/settings")).json()).settings).toEqual(saved);
  const invalid = await api.put("/api/playground/settings", {
    headers: ORIGIN,
    data: { ...saved, stop: ["x".repeat(40)] },
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.param).toBe("stop.0");
});
