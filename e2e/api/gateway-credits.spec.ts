import OpenAI, { APIError } from "openai";
import {
  apiError,
  createAccount,
  createKey,
  creditState,
  expect,
  grant,
  openaiClient,
  requestLogs,
  test,
} from "../fixtures";

// Credits under concurrency, rate limits and request logs, over real HTTP. The guarantees: the
// balance never goes negative, exactly as many requests are served as there were credits, the
// ledger sum always equals the balance, and a refused request costs nothing.

test.use({ accountOptions: { credits: 5, noRateLimit: true } });

const hello = [{ role: "user" as const, content: "Say hello" }];

type Outcome = "ok" | `error:${number}:${string}`;

/** One request, streamed or not, read to the end; its outcome as a string for counting. */
async function attempt(client: OpenAI, stream: boolean): Promise<Outcome> {
  try {
    if (stream) {
      const chunks = await client.chat.completions.create({
        model: "kimi-k2-0905",
        messages: hello,
        stream: true,
      });
      for await (const _chunk of chunks) {
        // read to the end: a stream is served only once it completes
      }
    } else {
      await client.chat.completions.create({ model: "kimi-k2", messages: hello });
    }
    return "ok";
  } catch (error) {
    if (error instanceof APIError) return `error:${error.status}:${error.code}`;
    throw error;
  }
}

function tally(outcomes: Outcome[]) {
  const counts = new Map<Outcome, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return Object.fromEntries(counts);
}

test.describe("concurrency", () => {
  test("5 credits, 50 parallel requests (half streamed) → exactly 5 served, balance 0, ledger = balance", async ({
    account,
  }) => {
    const client = openaiClient(account.key);
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(client, i % 2 === 1)));
    expect(tally(outcomes)).toEqual({ ok: 5, "error:403:insufficient_credits": 45 });

    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 0, ledgerSum: 0 });
    expect(state.ledger.every((row) => row.balanceAfter >= 0)).toBe(true);
    const charges = state.ledger.filter((row) => row.reason === "charge");
    const refunds = state.ledger.filter((row) => row.reason === "refund");
    expect(charges.length - refunds.length).toBe(5);
    await expect
      .poll(async () => (await requestLogs(account.id)).filter((r) => r.status === 200).length)
      .toBe(5);
  });

  test("grants racing 50 parallel spends: never negative, ledger = balance, every credit spent once", async ({
    account,
  }) => {
    const client = openaiClient(account.key);
    const [outcomes, grants] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, (_, i) => attempt(client, i % 2 === 0))),
      Promise.all(Array.from({ length: 10 }, () => grant(account.id, 1))),
    ]);
    expect(grants.every((g) => g.granted)).toBe(true);
    // Only "served" or "no credits" — anything else would hide a lost credit.
    expect(outcomes.filter((o) => o !== "ok" && o !== "error:403:insufficient_credits")).toEqual([]);
    const served = outcomes.filter((o) => o === "ok").length;
    expect(served).toBeGreaterThanOrEqual(5);
    expect(served).toBeLessThanOrEqual(15);

    const state = await creditState(account.id);
    expect(state.balance).toBe(15 - served);
    expect(state.ledgerSum).toBe(state.balance);
    expect(state.ledger.every((row) => row.balanceAfter >= 0)).toBe(true);

    // What is left is served, exactly, and then no more.
    const rest = await Promise.all(Array.from({ length: state.balance + 5 }, () => attempt(client, false)));
    expect(rest.filter((o) => o === "ok")).toHaveLength(state.balance);
    expect(await creditState(account.id)).toMatchObject({ balance: 0, ledgerSum: 0 });
  });

  test("parallel failures are all refunded: 20 requests that fail upstream leave the balance whole", async () => {
    const account = await createAccount({ credits: 3, noRateLimit: true });
    const client = openaiClient(account.key);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apiError(
          client.chat.completions.create({
            model: "kimi-k2",
            messages: [{ role: "user", content: "[[sim:fail=500]]" }],
            stream: i % 2 === 0,
          }),
        ),
      ),
    );
    // A request may find the balance momentarily reserved by another that is about to be refunded.
    for (const error of outcomes) expect([502, 403]).toContain(error.status);
    expect(outcomes.some((e) => e.status === 502)).toBe(true);
    expect(await creditState(account.id)).toMatchObject({ balance: 3, ledgerSum: 3 });
  });
});

test.describe("grants", () => {
  test("an expiring grant is spent first, and what is left of it stops counting when it expires", async () => {
    const account = await createAccount({ credits: 2 });
    const expiresAt = Date.now() + 2_000;
    await grant(account.id, 50, { expiresAt: new Date(expiresAt) });
    const client = openaiClient(account.key);
    const before = await client.chat.completions.create({ model: "kimi-k2", messages: hello }).withResponse();
    expect(before.response.headers.get("x-credits-remaining")).toBe("51");

    // Waiting for a moment in time, not for an event: nothing to await but the clock.
    await expect.poll(() => Date.now(), { timeout: 5_000 }).toBeGreaterThan(expiresAt);
    const after = await client.chat.completions.create({ model: "kimi-k2", messages: hello }).withResponse();
    expect(after.response.headers.get("x-credits-remaining")).toBe("1");

    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 1, ledgerSum: 1 });
    expect(state.ledger.filter((r) => r.reason === "expiry").map((r) => r.delta)).toEqual([-49]);
  });
});

test.describe("rate limits", () => {
  test("the 21st request in a minute at tier 1 → 429 with Retry-After, uncharged", async () => {
    const account = await createAccount({ credits: 100 });
    const client = openaiClient(account.key);
    const remaining: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { response } = await client.chat.completions
        .create({ model: "kimi-k2", messages: hello })
        .withResponse();
      remaining.push(response.headers.get("x-ratelimit-remaining") ?? "missing");
    }
    expect(remaining.at(0)).toBe("19");
    expect(remaining.at(-1)).toBe("0");
    expect(await creditState(account.id)).toMatchObject({ balance: 80, ledgerSum: 80 });

    for (const stream of [false, true]) {
      const error = await apiError(
        client.chat.completions.create({ model: "kimi-k2", messages: hello, stream }),
      );
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(error.status).toBe(429);
      expect(error.error).toEqual({
        message: expect.stringContaining("20"),
        type: "rate_limit_error",
        code: "rate_limit_exceeded",
        param: null,
      });
      const retryAfter = Number(error.headers?.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(error.headers?.get("x-ratelimit-limit")).toBe("20");
      expect(error.headers?.get("x-ratelimit-remaining")).toBe("0");
      expect(Number(error.headers?.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      expect(error.headers?.get("x-credits-remaining")).toBeNull();
      expect(error.headers?.get("x-request-id")).toMatch(/^req_/);
    }
    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 80, ledgerSum: 80 });
    expect(state.ledger.filter((r) => r.reason === "charge")).toHaveLength(20);
  });

  test("limits are per key: another key of the same account still has its allowance", async () => {
    const account = await createAccount({ credits: 100 });
    const second = await createKey(account.id, { name: "second" });
    const client = openaiClient(account.key);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const error = await client.models.list().then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error === undefined) return 200;
        if (error instanceof APIError) return error.status;
        throw error;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const { response } = await openaiClient(second.key).models.list().withResponse();
    expect(response.headers.get("x-ratelimit-remaining")).toBe("19");
  });

  test("a balance above 100 gets the next tier's allowance", async () => {
    const account = await createAccount({ credits: 101 });
    const { response } = await openaiClient(account.key).models.list().withResponse();
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
  });
});

test.describe("request logs", () => {
  test("a row per request with status, tokens and credits", async () => {
    const account = await createAccount({ credits: 1 });
    const client = openaiClient(account.key);
    const completion = await client.chat.completions.create({ model: "kimi-k2", messages: hello });
    await apiError(client.chat.completions.create({ model: "kimi-k2", messages: hello }));

    await expect.poll(async () => (await requestLogs(account.id)).length).toBe(2);
    const [ok, refused] = await requestLogs(account.id);
    expect(ok).toMatchObject({
      apiKeyId: account.keyId,
      model: "kimi-k2",
      upstream: "moonshot",
      status: 200,
      stream: false,
      promptTokens: completion.usage?.prompt_tokens,
      completionTokens: completion.usage?.completion_tokens,
      credits: 1,
      errorCode: null,
    });
    expect(ok?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(refused).toMatchObject({
      status: 403,
      credits: 0,
      errorCode: "insufficient_credits",
      upstream: null,
    });
  });

  test("a streamed request's row has its usage and time to first byte", async () => {
    const account = await createAccount({ credits: 5 });
    const stream = await openaiClient(account.key).chat.completions.create({
      model: "kimi-k2-0905",
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    await expect.poll(async () => (await requestLogs(account.id)).length).toBe(1);
    const [row] = await requestLogs(account.id);
    expect(row).toMatchObject({
      status: 200,
      stream: true,
      credits: 1,
      promptTokens: usage?.prompt_tokens,
      completionTokens: usage?.completion_tokens,
    });
    expect(row?.ttfbMs).toBeGreaterThan(0);
    expect(row?.latencyMs).toBeGreaterThanOrEqual(row?.ttfbMs ?? 0);
  });
});
