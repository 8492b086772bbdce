import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import {
  API_BASE,
  apiError,
  creditState,
  expect,
  openaiClient,
  requestLogs,
  simulatorStats,
  test,
} from "../fixtures";

// Upstream faults, driven by prompt directives to the two simulator servers that pose as
// Moonshot (primary) and AI/ML API (secondary). The test server's first-byte and idle timeouts
// are 3 s (e2e/env.ts). Each request carries a unique `user`, which the gateway forwards, so the
// simulators' /stats can count this test's requests apart from those running beside it.

test.use({ accountOptions: { credits: 5 } });

const say = (content: string) => [{ role: "user" as const, content }];

async function logRow(userId: string) {
  await expect.poll(async () => (await requestLogs(userId)).length).toBe(1);
  const [row] = await requestLogs(userId);
  if (!row) throw new Error("no request log row");
  return row;
}

/** Streams a chat with plain fetch; returns the response and a reader of its SSE text. */
async function rawStream(key: string, body: Record<string, unknown>, signal: AbortSignal) {
  const res = await fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: true }),
    signal,
  });
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error("no body");
  return { res, reader };
}

test.describe("before the first byte", () => {
  test("a 500 from the primary fails over to the secondary, charged once", async ({ account }) => {
    const user = `failover-${randomUUID()}`;
    const { data, response } = await openaiClient(account.key)
      .chat.completions.create({ model: "kimi-k2", messages: say("Hello [[sim:fail=500@primary]]"), user })
      .withResponse();
    expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(data.model).toBe("kimi-k2");
    expect(response.headers.get("x-upstream")).toBe("aimlapi");
    expect(response.headers.get("x-credits-remaining")).toBe("4");
    expect(await simulatorStats("primary", user)).toEqual({ requests: 1, aborted: 0 });
    expect(await simulatorStats("secondary", user)).toEqual({ requests: 1, aborted: 0 });
    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 4, ledgerSum: 4 });
    expect(state.ledger.filter((r) => r.reason === "refund")).toHaveLength(0);
    expect(await logRow(account.id)).toMatchObject({
      status: 200,
      upstream: "aimlapi",
      credits: 1,
      errorCode: null,
    });
  });

  test("a streamed request fails over too", async ({ account }) => {
    const { data: stream, response } = await openaiClient(account.key)
      .chat.completions.create({
        model: "kimi-k2",
        messages: say("Story [[sim:fail=503@primary]]"),
        stream: true,
      })
      .withResponse();
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(response.headers.get("x-upstream")).toBe("aimlapi");
    expect(await creditState(account.id)).toMatchObject({ balance: 4, ledgerSum: 4 });
  });

  const failures: Array<
    [string, string, number, string, typeof OpenAI.InternalServerError | typeof OpenAI.RateLimitError]
  > = [
    ["500 on every route", "[[sim:fail=500]]", 502, "upstream_error", OpenAI.InternalServerError],
    ["503 on every route", "[[sim:fail=503]]", 503, "upstream_unavailable", OpenAI.InternalServerError],
    ["429 on every route", "[[sim:fail=429]]", 429, "upstream_rate_limited", OpenAI.RateLimitError],
  ];
  for (const [label, directive, status, code, errorClass] of failures) {
    for (const stream of [false, true]) {
      test(`${label}${stream ? " (stream)" : ""} → ${status} ${code}, uncharged`, async ({ account }) => {
        const user = `fail-${randomUUID()}`;
        const error = await apiError(
          openaiClient(account.key).chat.completions.create({
            model: "kimi-k2",
            messages: say(`Hi ${directive}`),
            stream,
            user,
          }),
        );
        expect(error).toBeInstanceOf(errorClass);
        expect(error.status).toBe(status);
        expect(error.code).toBe(code);
        expect(error.error).toEqual({
          message: expect.any(String),
          type: expect.any(String),
          code,
          param: null,
        });
        expect(error.headers?.get("x-credits-remaining")).toBe("5");
        expect(error.headers?.get("x-request-id")).toMatch(/^req_/);
        if (status === 429) expect(Number(error.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(await simulatorStats("primary", user)).toMatchObject({ requests: 1 });
        expect(await simulatorStats("secondary", user)).toMatchObject({ requests: 1 });
        const state = await creditState(account.id);
        expect(state).toMatchObject({ balance: 5, ledgerSum: 5 });
        expect(state.ledger.map((r) => r.reason).sort()).toEqual(["charge", "grant", "refund"]);
        expect(await logRow(account.id)).toMatchObject({ status, credits: 0, errorCode: code, stream });
      });
    }
  }

  // kimi-k2-0905 is served by kimi-k2.6, which has two routes: each gets the first-byte timeout.
  test("an upstream that hangs → 504 after each route's first-byte timeout, uncharged, upstreams aborted", async ({
    account,
  }) => {
    const user = `hang-${randomUUID()}`;
    const started = Date.now();
    const error = await apiError(
      openaiClient(account.key).chat.completions.create({
        model: "kimi-k2-0905",
        messages: say("[[sim:hang]]"),
        user,
      }),
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(504);
    expect(error.code).toBe("upstream_timeout");
    expect(elapsed).toBeGreaterThanOrEqual(2 * 2_900);
    expect(elapsed).toBeLessThan(2 * 3_000 + 2_000);
    expect(error.headers?.get("x-credits-remaining")).toBe("5");
    await expect.poll(() => simulatorStats("primary", user)).toEqual({ requests: 1, aborted: 1 });
    await expect.poll(() => simulatorStats("secondary", user)).toEqual({ requests: 1, aborted: 1 });
    expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
    expect(await logRow(account.id)).toMatchObject({
      status: 504,
      credits: 0,
      errorCode: "upstream_timeout",
    });
  });

  test("an upstream rejection (400) is passed on as the client's error, uncharged, without failover", async ({
    account,
  }) => {
    const user = `reject-${randomUUID()}`;
    const error = await apiError(
      openaiClient(account.key).chat.completions.create({
        model: "kimi-k2",
        messages: say("[[sim:fail=400]]"),
        user,
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("invalid_request");
    expect(await simulatorStats("secondary", user)).toEqual({ requests: 0, aborted: 0 });
    expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
  });
});

test.describe("after the first byte", () => {
  test("a drop mid-stream → an error event the SDK raises, charged exactly once, logged as such", async ({
    account,
  }) => {
    const user = `drop-${randomUUID()}`;
    const stream = await openaiClient(account.key).chat.completions.create({
      model: "kimi-k2-0905",
      messages: say("Tell me a long story [[sim:drop-after=3]]"),
      stream: true,
      user,
    });
    let text = "";
    const error = await apiError(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    });
    expect(text.length).toBeGreaterThan(0);
    expect(error.code).toBe("upstream_error");
    expect(error.message.length).toBeGreaterThan(0);
    // Never retried after the first byte.
    expect(await simulatorStats("primary", user)).toEqual({ requests: 1, aborted: 0 });
    const state = await creditState(account.id);
    expect(state).toMatchObject({ balance: 4, ledgerSum: 4 });
    expect(state.ledger.map((r) => r.reason).sort()).toEqual(["charge", "grant"]);
    expect(await logRow(account.id)).toMatchObject({
      status: 502,
      stream: true,
      credits: 1,
      errorCode: "upstream_error",
      upstream: "moonshot",
    });
  });

  test("a drop before any output → an error event, uncharged", async ({ account }) => {
    const stream = await openaiClient(account.key).chat.completions.create({
      model: "kimi-k2-0905",
      messages: say("Story [[sim:drop-after=0]]"),
      stream: true,
    });
    let text = "";
    const error = await apiError(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    });
    expect(text).toBe("");
    expect(error.code).toBe("upstream_error");
    await expect.poll(async () => (await creditState(account.id)).balance).toBe(5);
    expect(await logRow(account.id)).toMatchObject({ status: 502, credits: 0, errorCode: "upstream_error" });
  });

  test("an upstream that stalls mid-stream → a timeout event after the idle timeout", async ({ account }) => {
    const stream = await openaiClient(account.key).chat.completions.create({
      model: "kimi-k2-0905",
      messages: say("Story [[sim:slow=4500]]"),
      stream: true,
    });
    const error = await apiError(async () => {
      for await (const _chunk of stream) {
        // read until the gateway gives up
      }
    });
    expect(error.code).toBe("upstream_timeout");
    const row = await logRow(account.id);
    expect(row).toMatchObject({ status: 504, errorCode: "upstream_timeout" });
    // Charged exactly when output had started (the policy), never twice.
    const state = await creditState(account.id);
    expect(state.balance).toBe(5 - row.credits);
    expect(state.ledgerSum).toBe(state.balance);
  });

  test("a client that disconnects mid-stream aborts the upstream request and is charged once", async ({
    account,
  }) => {
    const user = `disconnect-${randomUUID()}`;
    const client = new AbortController();
    const { res, reader } = await rawStream(
      account.key,
      { model: "kimi-k2-0905", messages: say("A long story please [[sim:slow=150]]"), user },
      client.signal,
    );
    expect(res.status).toBe(200);
    let received = "";
    while (!/"content":"[^"]/.test(received)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended before any output");
      received += value;
    }
    client.abort();
    await expect.poll(() => simulatorStats("primary", user)).toEqual({ requests: 1, aborted: 1 });
    expect(await logRow(account.id)).toMatchObject({
      status: 499,
      credits: 1,
      errorCode: "client_closed",
      stream: true,
    });
    expect(await creditState(account.id)).toMatchObject({ balance: 4, ledgerSum: 4 });
  });

  test("a client that disconnects before the upstream answers aborts it and is not charged", async ({
    account,
  }) => {
    const user = `early-disconnect-${randomUUID()}`;
    const client = new AbortController();
    const pending = fetch(`${API_BASE}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "kimi-k2-0905", messages: say("[[sim:hang]]"), user }),
      signal: client.signal,
    });
    await expect.poll(async () => (await simulatorStats("primary", user)).requests).toBe(1);
    client.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => simulatorStats("primary", user)).toEqual({ requests: 1, aborted: 1 });
    // 499 client_closed, not 504: the disconnect (not the 3 s first-byte timer) ended the upstream call.
    expect(await logRow(account.id)).toMatchObject({ status: 499, credits: 0, errorCode: "client_closed" });
    expect(await creditState(account.id)).toMatchObject({ balance: 5, ledgerSum: 5 });
  });
});

test.describe("thinking models", () => {
  test("a replayed assistant tool-call turn without reasoning_content is repaired", async ({ account }) => {
    const openai = openaiClient(account.key);
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      },
    ];
    const first = await openai.chat.completions.create({
      model: "kimi-k2-thinking",
      messages: say("What is the weather in Paris? Use get_weather."),
      tools,
      tool_choice: "required",
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") return;

    // What most SDK loops send back: the assistant turn without its reasoning_content.
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      ...say("What is the weather in Paris? Use get_weather."),
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: call.id, content: "18°C and sunny" },
    ];
    const second = await openai.chat.completions.create({ model: "kimi-k2-thinking", messages, tools });
    expect(second.choices[0]?.message.content).toContain("get_weather");
    const streamed = await openai.chat.completions.create({
      model: "kimi-k2-thinking",
      messages,
      tools,
      stream: true,
    });
    let text = "";
    for await (const chunk of streamed) text += chunk.choices[0]?.delta.content ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(await creditState(account.id)).toMatchObject({ balance: 2, ledgerSum: 2 });
  });
});
