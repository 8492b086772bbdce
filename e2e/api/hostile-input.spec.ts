import type { APIRequestContext } from "@playwright/test";
import { MAX_ECHO_CHARS } from "@/lib/errors";
import { MAX_JSON_DEPTH } from "@/lib/json-depth";
import { API_BASE, createAccount, creditState, expect, requestLogs, SAVED_SETTINGS, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// Bodies built to hurt the server rather than to be served: JSON nested 100,000 levels deep (far
// past what JSON.stringify can walk), a 100 KB model id (not to be echoed back whole) and NUL
// characters (PostgreSQL text cannot hold them). Each must get a clean 4xx in its surface's error
// shape, cost nothing, and leave the server answering.

test.use({ accountOptions: { credits: 5 } });

const BOMB_DEPTH = 100_000;
// The UI routes' own body limits are smaller; 20,000 levels overflow JSON.stringify all the same.
const UI_BOMB_DEPTH = 20_000;
const bomb = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const objectBomb = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const hello = [{ role: "user", content: "Say hello" }];
const NESTING_MESSAGE = `more than ${MAX_JSON_DEPTH} levels deep`;

function post(path: string, key: string, body: string) {
  return fetch(`${API_BASE}${path}`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body,
  });
}

/** `body` as JSON text, with a raw (pre-serialised) JSON value where the string `SLOT` stands. */
const SLOT = "@@RAW@@";
function withRaw(body: object, raw: string): string {
  return JSON.stringify(body).replace(`"${SLOT}"`, raw);
}

const toolResultTurns = (input: unknown) => [
  { role: "user", content: "What is the weather in Paris?" },
  { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "Sunny" }] },
];

const SETTINGS = { ...SAVED_SETTINGS, model: "kimi-k2", maxTokens: 256 };

interface ApiBomb {
  name: string;
  path: string;
  surface: "openai" | "anthropic";
  /** The request with `raw` as the nested value; the body itself and what surrounds `raw` add `around` levels. */
  body: (raw: string) => string;
  around: number;
}

const API_BOMBS: ApiBomb[] = [
  {
    name: "chat completions with 100,000-deep tool parameters",
    path: "/chat/completions",
    surface: "openai",
    body: (raw) =>
      withRaw(
        {
          model: "kimi-k2",
          messages: hello,
          tools: [{ type: "function", function: { name: "f", parameters: SLOT } }],
        },
        raw,
      ),
    around: 4,
  },
  {
    name: "messages with a 100,000-deep input_schema",
    path: "/messages",
    surface: "anthropic",
    body: (raw) =>
      withRaw(
        {
          model: "kimi-k2",
          max_tokens: 64,
          messages: hello,
          tools: [{ name: "f", input_schema: { type: "object", properties: SLOT } }],
        },
        raw,
      ),
    around: 4,
  },
  {
    name: "messages with a 100,000-deep tool_use.input",
    path: "/messages",
    surface: "anthropic",
    body: (raw) =>
      withRaw({ model: "kimi-k2", max_tokens: 64, messages: toolResultTurns({ city: SLOT }) }, raw),
    around: 6,
  },
  {
    name: "count_tokens with a 100,000-deep tool_use.input",
    path: "/messages/count_tokens",
    surface: "anthropic",
    body: (raw) => withRaw({ model: "kimi-k2", messages: toolResultTurns({ city: SLOT }) }, raw),
    around: 6,
  },
];

function expectNestingError(error: unknown, surface: "openai" | "anthropic") {
  const message = expect.stringContaining(NESTING_MESSAGE);
  if (surface === "openai") {
    expect(error).toEqual({
      error: { message, type: "invalid_request_error", code: "invalid_request", param: null },
    });
  } else {
    expect(error).toEqual({ type: "error", error: { type: "invalid_request_error", message } });
  }
}

test.describe("JSON nested deeper than the limit", () => {
  for (const { name, path, surface, body } of API_BOMBS) {
    test(`${name} → 400 invalid_request, nothing charged, the server still answers`, async ({ account }) => {
      for (const deep of [bomb(BOMB_DEPTH), objectBomb(BOMB_DEPTH)]) {
        const res = await post(path, account.key, body(deep));
        expect(res.status).toBe(400);
        expectNestingError(await res.json(), surface);
      }
      expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });

      // The same request with a shallow value is served as usual.
      const served = await post(path, account.key, body('{"a":[1]}'));
      expect(served.status).toBe(200);
      await served.json();
    });
  }

  for (const { name, path, surface, body, around } of API_BOMBS) {
    test(`${name.replace("100,000-deep", "limit-deep")}: parsed at the limit, refused one level past it`, async ({
      account,
    }) => {
      const atLimit = await post(path, account.key, body(objectBomb(MAX_JSON_DEPTH - around)));
      expect(atLimit.status).toBe(200);
      await atLimit.json();
      const over = await post(path, account.key, body(objectBomb(MAX_JSON_DEPTH - around + 1)));
      expect(over.status).toBe(400);
      expectNestingError(await over.json(), surface);
    });
  }

  test.describe("the UI's JSON routes", () => {
    let account: Awaited<ReturnType<typeof createAccount>>;
    let dashboard: APIRequestContext;
    test.beforeEach(async () => {
      account = await createAccount({ credits: 5 });
      dashboard = await signedInContext(account.email, account.password);
    });
    test.afterEach(async () => {
      await dashboard.dispose();
    });

    const UI_BOMBS: Array<[string, "post" | "put", string, string]> = [
      [
        "the playground's chat, deep tool parameters",
        "post",
        "/api/playground/chat",
        withRaw(
          {
            model: "kimi-k2",
            messages: hello,
            tools: [{ type: "function", function: { name: "f", parameters: SLOT } }],
          },
          objectBomb(UI_BOMB_DEPTH),
        ),
      ],
      [
        "saving a conversation, a deep extra field",
        "post",
        "/api/conversations",
        withRaw({ title: "Deep", settings: SETTINGS, messages: [], extra: SLOT }, bomb(UI_BOMB_DEPTH)),
      ],
      [
        "the playground's settings, a deep extra field",
        "put",
        "/api/playground/settings",
        withRaw({ ...SETTINGS, extra: SLOT }, bomb(UI_BOMB_DEPTH)),
      ],
    ];
    for (const [name, method, path, body] of UI_BOMBS) {
      test(`${name} → 400 invalid_request in the UI's error shape`, async () => {
        const res = await dashboard[method](path, {
          data: body,
          headers: { "content-type": "application/json" },
        });
        expect(res.status()).toBe(400);
        expect(await res.json()).toEqual({
          error: { code: "invalid_request", message: expect.stringContaining(NESTING_MESSAGE) },
        });
        expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
      });
    }
  });
});

test.describe("a 100 KB model id", () => {
  const model = `kimi-${"x".repeat(100_000)}`;

  test("is not echoed back: every surface answers with a short message, and no log row holds it", async ({
    account,
  }) => {
    const answers = [
      await post("/chat/completions", account.key, JSON.stringify({ model, messages: hello })),
      await post("/messages", account.key, JSON.stringify({ model, max_tokens: 64, messages: hello })),
      await post("/messages/count_tokens", account.key, JSON.stringify({ model, messages: hello })),
    ];
    const dashboard = await signedInContext(account.email, account.password);
    const playground = await dashboard.post("/api/playground/chat", { data: { model, messages: hello } });

    const messages: string[] = [];
    for (const res of answers) {
      expect([400, 404]).toContain(res.status);
      const body = await res.json();
      messages.push(body.error.message);
    }
    expect(playground.status()).toBe(400);
    messages.push((await playground.json()).error.message);
    await dashboard.dispose();
    for (const message of messages) {
      expect(message.length).toBeLessThan(200);
      expect(message).toContain(`\`${model.slice(0, MAX_ECHO_CHARS)}…\``);
    }

    // Only a served request is logged, under the catalog's id.
    const served = await post(
      "/chat/completions",
      account.key,
      JSON.stringify({ model: "kimi-k2", messages: hello }),
    );
    expect(served.status).toBe(200);
    await served.json();
    await expect
      .poll(async () => (await requestLogs(account.id)).map((row) => row.model))
      .toEqual(["kimi-k2"]);
    expect(await creditState(account.id)).toMatchObject({ balance: 4, ledgerSum: 4 });
  });

  test("an unknown endpoint's path is not echoed back whole either", async ({ account }) => {
    const res = await post(`/${"p".repeat(8_000)}`, account.key, "{}");
    expect(res.status).toBe(404);
    const { error } = await res.json();
    expect(error.code).toBe("not_found");
    expect(error.message.length).toBeLessThan(200);
  });
});

test.describe("NUL characters", () => {
  test("in the model id: a clean 4xx on every surface, never a 500", async ({ account }) => {
    const model = "kimi-k2\u0000";
    const answers = [
      await post("/chat/completions", account.key, JSON.stringify({ model, messages: hello })),
      await post("/messages", account.key, JSON.stringify({ model, max_tokens: 64, messages: hello })),
      await post("/messages/count_tokens", account.key, JSON.stringify({ model, messages: hello })),
    ];
    for (const res of answers) {
      expect([400, 404]).toContain(res.status);
      expect((await res.json()).error.message).toContain("kimi-k2\u0000");
    }
    expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
    // The UI's routes drop NUL characters from every body (lib/http/strip-nul.ts): the playground
    // serves the model the id names once the NUL is gone, and charges that one call.
    const dashboard = await signedInContext(account.email, account.password);
    const playground = await dashboard.post("/api/playground/chat", { data: { model, messages: hello } });
    expect(playground.status()).toBe(200);
    await playground.text();
    await dashboard.dispose();
    await expect.poll(() => creditState(account.id)).toMatchObject({ balance: 4, ledgerSum: 4 });
  });

  test("in everything else an API call carries: served, charged once and logged", async ({ account }) => {
    const nul = "a\u0000b";
    const openai = await post(
      "/chat/completions",
      account.key,
      JSON.stringify({
        model: "kimi-k2",
        messages: [
          { role: "system", content: nul, name: nul },
          { role: "user", content: nul },
        ],
        user: nul,
        stop: [nul],
        tools: [{ type: "function", function: { name: "f", description: nul, parameters: { [nul]: nul } } }],
      }),
    );
    expect(openai.status).toBe(200);
    await openai.json();
    const anthropic = await post(
      "/messages",
      account.key,
      JSON.stringify({
        model: "kimi-k2",
        max_tokens: 64,
        system: nul,
        metadata: { user_id: nul },
        stop_sequences: [nul],
        messages: toolResultTurns({ [nul]: nul }),
      }),
    );
    expect(anthropic.status).toBe(200);
    await anthropic.json();
    await expect
      .poll(async () => (await requestLogs(account.id)).map((row) => row.status))
      .toEqual([200, 200]);
    expect(await creditState(account.id)).toMatchObject({ balance: 3, ledgerSum: 3 });
  });

  test("in a key's name: control characters other than NUL (which UI bodies drop) are a 400 naming the field, and no key is made", async ({
    account,
  }) => {
    const dashboard = await signedInContext(account.email, account.password);
    for (const name of ["prod\u0001key", "\u001f", "line\nbreak", "del\u007f"]) {
      const res = await dashboard.post("/api/keys", { data: { name } });
      expect(res.status(), JSON.stringify(name)).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: "invalid_request", message: expect.any(String), param: "name" },
      });
    }
    const list = await dashboard.get("/api/keys");
    expect(list.status()).toBe(200);
    expect((await list.json()).data.map((k: { name: string }) => k.name)).toEqual(["e2e"]);
    await dashboard.dispose();
  });
});
