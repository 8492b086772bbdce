import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { createAccount, creditState, expect, test } from "../fixtures";
import { ownPort, startExpectingRefusal, startOwnServer } from "../own-server";

// MODELS_FILE on a production server of this spec's own: a file that extends the built-in catalog
// serves its custom model (routes, cost, rules from the file); a bad file stops the start with a
// message naming the file, the entry and the field.

const dir = mkdtempSync(path.join(tmpdir(), "kimi-models-e2e-"));

function writeModels(name: string, content: object): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const custom = {
  id: "acme-chat",
  name: "Acme Chat",
  aliases: ["acme/chat"],
  description: "An operator's own model.",
  contextWindow: 16_384,
  maxOutput: 2048,
  defaultMaxTokens: 512,
  thinking: { mode: "never" },
  vision: false,
  creditCost: 3,
  rules: {
    temperature: { min: 0, max: 1, default: 0.5 },
    topP: { min: 0, max: 1, default: 1 },
    topK: false,
    maxN: 2,
    seed: false,
    tools: true,
    jsonMode: true,
  },
  routes: [{ provider: "moonshot", upstreamModel: "acme-upstream-7b" }],
};

test("an extending MODELS_FILE serves a custom model with its own routes, cost and rules", async () => {
  test.setTimeout(180_000);
  const file = writeModels("extends.json", { extends: "default", models: [custom] });
  const server = await startOwnServer(ownPort(110), { MODELS_FILE: file });
  try {
    const account = await createAccount({ credits: 10 });
    const headers = { authorization: `Bearer ${account.key}`, "content-type": "application/json" };
    const list = (await (await fetch(`${server.url}/api/v1/models`, { headers })).json()) as {
      data: Array<{ id: string; context_window: number }>;
    };
    expect(list.data.map((m) => m.id)).toEqual(
      expect.arrayContaining(["kimi-k2.6", "acme-chat", "acme/chat"]),
    );
    expect(list.data.find((m) => m.id === "acme-chat")?.context_window).toBe(16_384);

    const res = await fetch(`${server.url}/api/v1/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: "acme/chat",
        messages: [{ role: "user", content: "[[sim:echo]] hi" }],
        temperature: 0.7,
        n: 2,
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-upstream")).toBe("moonshot");
    expect(res.headers.get("deprecation")).toBeNull();
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices).toHaveLength(2);
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual({
      model: "acme-upstream-7b",
      temperature: 0.7,
      n: 2,
    });
    expect(await creditState(account.id)).toMatchObject({ balance: 7, ledgerSum: 7 });

    // The file's rules: n above its maxN is refused before any charge.
    const refused = await fetch(`${server.url}/api/v1/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: "acme-chat", messages: [{ role: "user", content: "hi" }], n: 3 }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe("n");
    expect(await creditState(account.id)).toMatchObject({ balance: 7, ledgerSum: 7 });
  } finally {
    await server.stop();
  }
});

test("an input over a model's context window is refused before anything is spent, on both surfaces", async () => {
  test.setTimeout(180_000);
  // The built-in models' windows (262,144 tokens) are larger than the body limit lets a prompt be.
  const file = writeModels("context.json", { extends: "default", models: [custom] });
  const server = await startOwnServer(ownPort(112), { MODELS_FILE: file });
  try {
    const account = await createAccount({ credits: 10 });
    const big = [{ role: "user", content: "word ".repeat(20_000) }];
    const openai = await fetch(`${server.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "acme-chat", messages: big }),
    });
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: { code: "context_length_exceeded", param: "messages" },
    });
    const anthropic = await new Anthropic({
      apiKey: account.key,
      baseURL: `${server.url}/api`,
      maxRetries: 0,
    }).messages
      .create({ model: "acme-chat", max_tokens: 64, messages: big as Anthropic.MessageParam[] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(anthropic).toBeInstanceOf(Anthropic.BadRequestError);
    expect((anthropic as Error).message).toMatch(/messages: This model's context window is 16384 tokens/);
    expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
  } finally {
    await server.stop();
  }
});

test("a MODELS_FILE with a bad entry stops the start, naming the file, the entry and the field", async () => {
  test.setTimeout(120_000);
  const file = writeModels("bad.json", {
    extends: "default",
    models: [
      custom,
      { ...custom, id: "acme-turbo", aliases: [], routes: [{ provider: "openrouter", upstreamModel: "x" }] },
    ],
  });
  const result = await startExpectingRefusal(ownPort(111), { MODELS_FILE: file });
  expect(result.ready, result.output).toBe(false);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain(
    `MODELS_FILE ${file}: models[1] (id "acme-turbo"): routes.0.provider: unknown provider "openrouter"`,
  );
});
