import http from "node:http";
import OpenAI from "openai";
import {
  API_BASE,
  apiError,
  BASE_URL,
  createAccount,
  createKey,
  creditState,
  expect,
  expireKey,
  openaiClient,
  revokeKey,
  test,
} from "../fixtures";

// Every error of POST /api/v1/chat/completions through the official `openai` client: the SDK's
// error class, our body shape, the headers every authenticated response carries — and that no
// failure costs a credit.

test.use({ accountOptions: { credits: 5 } });

const COMPLETIONS = `${API_BASE}/chat/completions`;
const hello = [{ role: "user" as const, content: "Say hello" }];
type Body = OpenAI.ChatCompletionCreateParamsNonStreaming;

function expectRateLimitHeaders(headers: Headers | undefined) {
  expect(headers?.get("x-ratelimit-limit")).toMatch(/^\d+$/);
  expect(headers?.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
  expect(Number(headers?.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
  expect(headers?.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
}

/** Our OpenAI-format error body: exactly message, type, code and param. */
function expectErrorBody(error: unknown, code: string, type: string, param: string | null) {
  expect(error).toEqual({ message: expect.any(String), type, code, param });
  expect((error as { message: string }).message.length).toBeGreaterThan(0);
}

test.describe("authentication", () => {
  test("a missing, malformed, unknown, revoked or expired key is a 401 AuthenticationError", async () => {
    const account = await createAccount({ credits: 10 });
    const revoked = await createKey(account.id, { name: "revoked" });
    await revokeKey(account.id, revoked.id);
    const expired = await createKey(account.id, {
      name: "expired",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expireKey(expired.id);

    const cases: Array<[string, OpenAI]> = [
      ["no key", openaiClient("unused", { defaultHeaders: { Authorization: null } })],
      ["an empty bearer", openaiClient("unused", { defaultHeaders: { Authorization: "Bearer " } })],
      ["a malformed key", openaiClient("not-a-key")],
      ["an unknown key", openaiClient(`sk-kimi-${"x".repeat(40)}`)],
      ["a revoked key", openaiClient(revoked.key)],
      ["an expired key", openaiClient(expired.key)],
    ];
    for (const [label, client] of cases) {
      const error = await apiError(client.chat.completions.create({ model: "kimi-k2", messages: hello }));
      expect(error, label).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error.status, label).toBe(401);
      expectErrorBody(error.error, "invalid_api_key", "invalid_request_error", null);
      expect(error.headers?.get("x-request-id"), label).toMatch(/^req_/);
      expect(error.headers?.get("access-control-allow-origin"), label).toBe("*");
    }
    const models = await apiError(openaiClient(revoked.key).models.list());
    expect(models).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await creditState(account.id)).balance).toBe(10);
  });

  test("the error says why without echoing the key", async () => {
    const account = await createAccount();
    const revoked = await createKey(account.id);
    await revokeKey(account.id, revoked.id);
    const error = await apiError(
      openaiClient(revoked.key).chat.completions.create({ model: "kimi-k2", messages: hello }),
    );
    expect(error.message).toMatch(/revoked/i);
    expect(JSON.stringify(error.error)).not.toContain(revoked.key);
  });

  test("X-API-Key is accepted; a key in the query string is not", async () => {
    const account = await createAccount({ credits: 10 });
    const viaHeader = await fetch(`${API_BASE}/models`, { headers: { "x-api-key": account.key } });
    expect(viaHeader.status).toBe(200);

    const viaQuery = openaiClient("unused", {
      defaultHeaders: { Authorization: null },
      defaultQuery: { api_key: account.key, key: account.key, "api-key": account.key },
    });
    const error = await apiError(viaQuery.chat.completions.create({ model: "kimi-k2", messages: hello }));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.code).toBe("invalid_api_key");
    const models = await apiError(viaQuery.models.list());
    expect(models).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await creditState(account.id)).balance).toBe(10);
  });

  test("a key revoked after use stops working within the key cache's lifetime", async () => {
    const account = await createAccount({ credits: 10 });
    const client = openaiClient(account.key);
    await client.models.list();
    await revokeKey(account.id, account.keyId);
    await expect
      .poll(
        async () =>
          (await fetch(`${API_BASE}/models`, { headers: { authorization: `Bearer ${account.key}` } })).status,
        {
          timeout: 8_000,
        },
      )
      .toBe(401);
  });
});

test.describe("credits and models", () => {
  test("no credits → 403 PermissionDeniedError insufficient_credits, streamed or not", async () => {
    const account = await createAccount({ credits: 1 });
    const client = openaiClient(account.key);
    await client.chat.completions.create({ model: "kimi-k2", messages: hello });

    for (const stream of [false, true]) {
      const error = await apiError(
        client.chat.completions.create({ model: "kimi-k2", messages: hello, stream }),
      );
      expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(error.status).toBe(403);
      expectErrorBody(error.error, "insufficient_credits", "insufficient_quota", null);
      expect(error.headers?.get("x-credits-remaining")).toBe("0");
      expectRateLimitHeaders(error.headers);
    }
    expect(await creditState(account.id)).toMatchObject({ balance: 0, ledgerSum: 0 });
  });

  test.describe("unknown models", () => {
    for (const model of ["gpt-4o", "kimi-k3", "", "moonshot/kimi-k2-0905-preview"]) {
      test(`model ${JSON.stringify(model)} → 400`, async ({ account }) => {
        const error = await apiError(
          openaiClient(account.key).chat.completions.create({ model, messages: hello }),
        );
        expect(error).toBeInstanceOf(OpenAI.BadRequestError);
        expect(error.param).toBe("model");
        expect(error.code).toBe(model ? "model_not_found" : "invalid_request");
        // Refused before any charge: no balance figure (the key cache's would be a guess).
        expect(error.headers?.get("x-credits-remaining")).toBeNull();
        expect((await creditState(account.id)).balance).toBe(5);
      });
    }
  });

  test("aliases are served under the name the client asked for", async ({ account }) => {
    const res = await openaiClient(account.key).chat.completions.create({
      model: "moonshot/kimi-k2-6",
      messages: hello,
    });
    expect(res.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(["kimi-k2.6", "moonshot/kimi-k2-6"]).toContain(res.model);
  });
});

test.describe("parameter validation", () => {
  const tool = (name: string) => ({
    type: "function" as const,
    function: { name, parameters: { type: "object" } },
  });
  const cases: Array<[string, Partial<Body> & Record<string, unknown>, string]> = [
    ["temperature 2.5", { temperature: 2.5 }, "temperature"],
    ["top_p 1.5", { top_p: 1.5 }, "top_p"],
    ["n 6", { n: 6 }, "n"],
    ["presence_penalty -3", { presence_penalty: -3 }, "presence_penalty"],
    ["frequency_penalty 2.5", { frequency_penalty: 2.5 }, "frequency_penalty"],
    ["stop with 6 items", { stop: ["a", "b", "c", "d", "e", "f"] }, "stop"],
    ["stop with a 33-byte item", { stop: ["ok", "y".repeat(33)] }, "stop"],
    ["max_tokens above the model's max output", { max_tokens: 32_769 }, "max_tokens"],
    [
      "max_completion_tokens above the model's max output",
      { max_completion_tokens: 100_000 },
      "max_completion_tokens",
    ],
    ["129 tools", { tools: Array.from({ length: 129 }, (_, i) => tool(`f${i}`)) }, "tools"],
    ["top_k on a model without it", { top_k: 40 }, "top_k"],
    [
      "response_format xml",
      { response_format: { type: "xml" } as unknown as Body["response_format"] },
      "response_format.type",
    ],
    [
      "tool_choice naming no tool",
      { tools: [tool("a")], tool_choice: { type: "function", function: { name: "b" } } },
      "tool_choice",
    ],
    ["messages as a string", { messages: "hello" as unknown as Body["messages"] }, "messages"],
    ["empty messages", { messages: [] }, "messages"],
    [
      "a message without a role",
      { messages: [{ content: "hi" }] as unknown as Body["messages"] },
      "messages.0.role",
    ],
    ["temperature as a string", { temperature: "hot" as unknown as number }, "temperature"],
  ];

  for (const [label, extra, param] of cases) {
    test(`${label} → 400 BadRequestError, param ${param}, uncharged`, async ({ account }) => {
      const body = { model: "kimi-k2", messages: hello, ...extra } as Body;
      const error = await apiError(openaiClient(account.key).chat.completions.create(body));
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expectErrorBody(error.error, "invalid_request", "invalid_request_error", param);
      expect(error.headers?.get("x-credits-remaining")).toBeNull();
      expectRateLimitHeaders(error.headers);
      expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
    });
  }

  // kimi-k2 is served by kimi-k2.6, which takes one completion per request (n 1).
  test("the edges of every range are accepted", async ({ account }) => {
    const res = await openaiClient(account.key).chat.completions.create({
      model: "kimi-k2",
      messages: hello,
      temperature: 2,
      top_p: 0,
      n: 1,
      presence_penalty: -2,
      frequency_penalty: 2,
      stop: Array.from({ length: 5 }, (_, i) => `${i}`.repeat(32)),
      max_tokens: 32_768,
      tools: Array.from({ length: 128 }, (_, i) => tool(`f${i}`)),
      tool_choice: "none",
    });
    expect(res.choices).toHaveLength(1);
    expect((await creditState(account.id)).balance).toBe(4);
  });

  test("unknown fields are ignored and never change where a request goes", async ({ account }) => {
    const { data, response } = await openaiClient(account.key)
      .chat.completions.create({
        model: "kimi-k2",
        messages: [{ role: "user", content: "[[sim:echo]] what reached you?" }],
        temperature: 0.3,
        base_url: "http://127.0.0.1:9/v1",
        api_base: "http://127.0.0.1:9/v1",
        api_key: "sk-attacker",
        provider: { order: ["evil"] },
        extra_headers: { Authorization: "Bearer sk-attacker" },
      } as Body)
      .withResponse();
    expect(response.headers.get("x-upstream")).toBe("moonshot");
    const upstream = JSON.parse(data.choices[0]?.message.content ?? "{}") as Record<string, unknown>;
    // kimi-k2's upstream today is kimi-k2.6 (thinking off), whose temperature is fixed upstream.
    expect(upstream).toEqual({ model: "kimi-k2.6", thinking: { type: "disabled" } });
    expect((await creditState(account.id)).balance).toBe(4);
  });
});

test.describe("request bodies", () => {
  async function post(key: string, body: BodyInit | undefined, headers: Record<string, string> = {}) {
    const res = await fetch(COMPLETIONS, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { error: unknown } };
  }

  const bigBody = () =>
    JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "a".repeat(2 * 1024 * 1024) }] });

  const cases: Array<[string, () => BodyInit | undefined, number, string]> = [
    ["malformed JSON", () => '{"model":"kimi-k2","messages":[', 400, "invalid_json"],
    ["not JSON at all", () => "model=kimi-k2", 400, "invalid_json"],
    ["an empty body", () => "", 400, "invalid_json"],
    ["no body", () => undefined, 400, "invalid_json"],
    ["a JSON array", () => "[]", 400, "invalid_request"],
    ["JSON null", () => "null", 400, "invalid_request"],
    ["a 2 MiB body", bigBody, 413, "body_too_large"],
  ];

  for (const [label, body, status, code] of cases) {
    test(`${label} → ${status} ${code}, uncharged`, async ({ account }) => {
      const res = await post(account.key, body());
      expect(res.status).toBe(status);
      expectErrorBody(res.body.error, code, "invalid_request_error", null);
      expect(res.headers.get("x-credits-remaining")).toBeNull();
      expectRateLimitHeaders(res.headers);
      expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
    });
  }

  test("the SDK sees a 2 MiB request as a 413 APIError", async ({ account }) => {
    const error = await apiError(
      openaiClient(account.key).chat.completions.create({
        model: "kimi-k2",
        messages: [{ role: "user", content: "b".repeat(2 * 1024 * 1024) }],
      }),
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe("body_too_large");
  });

  test("a chunked 2 MiB body without Content-Length → 413, uncharged", async ({ account }) => {
    const total = 2 * 1024 * 1024;
    const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const req = http.request(COMPLETIONS, {
        method: "POST",
        headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      });
      let sent = 0;
      let responded = false;
      req.on("response", (res) => {
        responded = true;
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), sent }),
        );
        res.on("error", reject);
      });
      // The server may close the connection once it has answered; only an error before that fails.
      req.on("error", (error) => {
        if (!responded) reject(error);
      });
      const chunk = Buffer.alloc(64 * 1024, "c");
      const write = () => {
        if (sent === 0) req.write('{"model":"kimi-k2","messages":[{"role":"user","content":"');
        while (!responded && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        if (!responded) req.end('"}]}');
      };
      write();
      expect(req.getHeader("content-length")).toBeUndefined();
    });
    expect(result.status).toBe(413);
    expectErrorBody(
      (JSON.parse(result.body) as { error: unknown }).error,
      "body_too_large",
      "invalid_request_error",
      null,
    );
    expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
  });
});

test.describe("CORS", () => {
  for (const path of ["/chat/completions", "/models"]) {
    test(`preflight for ${path}`, async () => {
      const res = await fetch(`${API_BASE}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://app.example.com",
          "access-control-request-method": path === "/models" ? "GET" : "POST",
          "access-control-request-headers": "authorization, content-type, x-stainless-os",
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toContain(path === "/models" ? "GET" : "POST");
      const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase();
      for (const header of ["authorization", "content-type", "x-api-key", "x-stainless-os"])
        expect(allowed).toContain(header);
      expect(await res.text()).toBe("");
    });
  }

  test("responses, errors included, carry CORS headers and expose ours", async ({ account }) => {
    const origin = { origin: "https://app.example.com" };
    const responses = [
      await fetch(COMPLETIONS, {
        method: "POST",
        headers: { ...origin, authorization: `Bearer ${account.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "kimi-k2", messages: hello }),
      }),
      await fetch(COMPLETIONS, { method: "POST", headers: origin, body: "{}" }),
      await fetch(`${API_BASE}/models`, { headers: { ...origin, authorization: `Bearer ${account.key}` } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 200]);
    for (const res of responses) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase();
      for (const header of ["x-credits-remaining", "x-request-id", "x-ratelimit-remaining", "retry-after"]) {
        expect(exposed).toContain(header);
      }
      await res.body?.cancel();
    }
  });
});

test.describe("headers and credits across a session", () => {
  test("X-Credits-Remaining drops by exactly 1 per success and 0 per refunded failure, absent when nothing was reserved", async () => {
    const account = await createAccount({ credits: 10 });
    const client = openaiClient(account.key);
    const seen: string[] = [];
    const ids = new Set<string>();
    const record = (headers: Headers | undefined) => {
      expectRateLimitHeaders(headers);
      seen.push(headers?.get("x-credits-remaining") ?? "missing");
      ids.add(headers?.get("x-request-id") ?? "");
    };

    record(
      (await client.chat.completions.create({ model: "kimi-k2", messages: hello }).withResponse()).response
        .headers,
    );
    record(
      (await apiError(client.chat.completions.create({ model: "kimi-k2", messages: hello, temperature: 9 })))
        .headers,
    );
    const stream = await client.chat.completions
      .create({ model: "kimi-k2-0905", messages: hello, stream: true })
      .withResponse();
    record(stream.response.headers);
    for await (const _chunk of stream.data) {
      // drain
    }
    record((await apiError(client.chat.completions.create({ model: "nope", messages: hello }))).headers);
    const failed = await apiError(
      client.chat.completions.create({
        model: "kimi-k2",
        messages: [{ role: "user", content: "[[sim:fail=500]]" }],
      }),
    );
    expect(failed).toBeInstanceOf(OpenAI.InternalServerError);
    record(failed.headers);
    const models = await client.models.list().withResponse();
    record(models.response.headers);
    record(
      (
        await client.chat.completions
          .create({ model: "kimi-k2-turbo-preview", messages: hello })
          .withResponse()
      ).response.headers,
    );

    expect(seen).toEqual(["9", "missing", "8", "missing", "8", "missing", "7"]);
    expect(ids.size).toBe(seen.length);
    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 7, ledgerSum: 7 });
    expect(state.ledger.filter((r) => r.reason === "charge")).toHaveLength(4);
    expect(state.ledger.filter((r) => r.reason === "refund")).toHaveLength(1);
  });

  test("the rate-limit headers count down per request on the same key", async () => {
    const account = await createAccount({ credits: 50 });
    const client = openaiClient(account.key);
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await client.models.list().withResponse();
      expect(response.headers.get("x-ratelimit-limit")).toBe("20");
      remaining.push(Number(response.headers.get("x-ratelimit-remaining")));
    }
    expect(remaining).toEqual([19, 18, 17]);
  });

  test("the health check needs no key", async () => {
    const res = await fetch(`${BASE_URL}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });
});
