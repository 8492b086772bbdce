import { describe, expect, it, vi } from "vitest";
import { abortableOf } from "@/lib/abort";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import type { ChatCompletionRequest } from "@/lib/wire/openai";
import { findModel, type ModelInfo, type ModelRoute, type ProviderId } from "./catalog";
import { routeChat } from "./router";
import { fromWebResponse, type Provider, type UpstreamResponse } from "./types";

// The router against fake providers: each answers with a scripted behaviour and records the
// requests and signals it was given.

type Behaviour =
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "network" }
  | { kind: "hang" };

interface FakeProvider extends Provider {
  calls: Array<{ body: ChatCompletionRequest; signal: AbortSignal }>;
}

function fake(id: ProviderId, behaviour: Behaviour): FakeProvider {
  const calls: FakeProvider["calls"] = [];
  return {
    id,
    calls,
    send(body, { signal }) {
      calls.push({ body, signal });
      if (behaviour.kind === "network") return Promise.reject(new TypeError("fetch failed"));
      if (behaviour.kind === "hang") {
        return new Promise<UpstreamResponse>((_, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      }
      const body2 =
        behaviour.body ??
        (behaviour.status < 300 ? { ok: true } : { error: { message: `status ${behaviour.status}` } });
      return Promise.resolve(
        fromWebResponse(Response.json(body2, { status: behaviour.status, headers: behaviour.headers })),
      );
    },
  };
}

const model = findModel("kimi-k2") as ModelInfo;
const routes: ModelRoute[] = [
  { provider: "moonshot", upstreamModel: "up-primary" },
  { provider: "aimlapi", upstreamModel: "up-secondary" },
];
const body: ChatCompletionRequest = { model: "kimi-k2", messages: [{ role: "user", content: "hi" }] };

function run(
  primary: FakeProvider,
  secondary: FakeProvider,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
) {
  return routeChat({
    model,
    body,
    routes,
    providers: new Map<ProviderId, Provider>([
      ["moonshot", primary],
      ["aimlapi", secondary],
    ]),
    signal: abortableOf(options.signal ?? new AbortController().signal),
    firstByteTimeoutMs: options.timeoutMs ?? 1_000,
  });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("routeChat", () => {
  it("serves from the first route, sending the upstream's model id", async () => {
    const primary = fake("moonshot", { kind: "status", status: 200 });
    const secondary = fake("aimlapi", { kind: "status", status: 200 });
    const result = await run(primary, secondary);
    expect(result.route.provider).toBe("moonshot");
    expect(primary.calls[0]?.body.model).toBe("up-primary");
    expect(secondary.calls).toHaveLength(0);
    expect(result.attempts).toEqual([{ provider: "moonshot", status: 200 }]);
  });

  it.each<[string, Behaviour, string]>([
    ["500", { kind: "status", status: 500 }, "5xx"],
    ["502", { kind: "status", status: 502 }, "5xx"],
    ["503", { kind: "status", status: 503 }, "5xx"],
    ["429", { kind: "status", status: 429 }, "429"],
    ["a connect error", { kind: "network" }, "network"],
    ["a first-byte timeout", { kind: "hang" }, "timeout"],
  ])("fails over to the next route on %s, and counts it", async (_label, behaviour, reason) => {
    const counted = async () => ({
      failures: (await metrics.upstreamFailures.get()).values.find(
        (v) => v.labels.upstream === "moonshot" && v.labels.reason === reason,
      )?.value,
      failovers: (await metrics.failovers.get()).values.find((v) => v.labels.from === "moonshot")?.value,
    });
    const before = await counted();
    const primary = fake("moonshot", behaviour);
    const secondary = fake("aimlapi", { kind: "status", status: 200 });
    const result = await run(primary, secondary, { timeoutMs: 50 });
    expect(result.route.provider).toBe("aimlapi");
    expect(secondary.calls[0]?.body.model).toBe("up-secondary");
    expect(result.attempts).toHaveLength(2);
    expect(result.attempts[1]).toEqual({ provider: "aimlapi", status: 200 });
    expect(await counted()).toEqual({
      failures: (before.failures ?? 0) + 1,
      failovers: (before.failovers ?? 0) + 1,
    });
  });

  it.each<[string, Behaviour, string, number, number | undefined]>([
    ["500", { kind: "status", status: 500 }, "upstream_error", 502, undefined],
    ["503", { kind: "status", status: 503 }, "upstream_unavailable", 503, undefined],
    ["504", { kind: "status", status: 504 }, "upstream_timeout", 504, undefined],
    [
      "429 with Retry-After",
      { kind: "status", status: 429, headers: { "retry-after": "7" } },
      "upstream_rate_limited",
      429,
      7,
    ],
    ["429 without Retry-After", { kind: "status", status: 429 }, "upstream_rate_limited", 429, 1],
    ["connect errors", { kind: "network" }, "upstream_error", 502, undefined],
    ["timeouts", { kind: "hang" }, "upstream_timeout", 504, undefined],
  ])("when every route fails with %s → %s (%d)", async (_label, behaviour, code, status, retryAfter) => {
    const primary = fake("moonshot", behaviour);
    const secondary = fake("aimlapi", behaviour);
    const error = await rejection(run(primary, secondary, { timeoutMs: 30 }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryAfter).toBe(retryAfter);
    expect(primary.calls).toHaveLength(1);
    expect(secondary.calls).toHaveLength(1);
  });

  it.each<[string, Behaviour, string]>([
    [
      "400",
      { kind: "status", status: 400, body: { error: { message: "bad temperature" } } },
      "invalid_request",
    ],
    [
      "400 about the context",
      { kind: "status", status: 400, body: { error: { message: "input token limit exceeded" } } },
      "context_length_exceeded",
    ],
    ["404", { kind: "status", status: 404 }, "model_not_found"],
    ["401 (our upstream key)", { kind: "status", status: 401 }, "upstream_error"],
  ])("does not fail over on a client error: %s → %s", async (_label, behaviour, code) => {
    const primary = fake("moonshot", behaviour);
    const secondary = fake("aimlapi", { kind: "status", status: 200 });
    const error = await rejection(run(primary, secondary));
    expect(error.code).toBe(code);
    expect(secondary.calls).toHaveLength(0);
  });

  it("passes the upstream's 400 message on, but never its 401 message", async () => {
    const bad = await rejection(
      run(
        fake("moonshot", { kind: "status", status: 400, body: { error: { message: "bad temperature" } } }),
        fake("aimlapi", { kind: "status", status: 200 }),
      ),
    );
    expect(bad.message).toBe("bad temperature");
    const auth = await rejection(
      run(
        fake("moonshot", {
          kind: "status",
          status: 401,
          body: { error: { message: "key sk-secret invalid" } },
        }),
        fake("aimlapi", { kind: "status", status: 200 }),
      ),
    );
    expect(auth.message).not.toContain("sk-secret");
  });

  it("skips routes whose provider is not configured, and says so when none is", async () => {
    const only = fake("aimlapi", { kind: "status", status: 200 });
    const result = await routeChat({
      model,
      body,
      routes,
      providers: new Map([["aimlapi", only]]),
      signal: abortableOf(new AbortController().signal),
      firstByteTimeoutMs: 100,
    });
    expect(result.route.provider).toBe("aimlapi");
    const none = await rejection(
      routeChat({
        model,
        body,
        routes,
        providers: new Map(),
        signal: abortableOf(new AbortController().signal),
        firstByteTimeoutMs: 100,
      }),
    );
    expect(none.code).toBe("upstream_unavailable");
  });

  it("a client abort during a pending upstream call aborts it and tries no other route", async () => {
    const primary = fake("moonshot", { kind: "hang" });
    const secondary = fake("aimlapi", { kind: "status", status: 200 });
    const client = new AbortController();
    const pending = run(primary, secondary, { signal: client.signal, timeoutMs: 10_000 });
    await expect.poll(() => primary.calls.length).toBe(1);
    client.abort(new Error("client went away"));
    await expect(pending).rejects.toThrow("client went away");
    expect(primary.calls[0]?.signal.aborted).toBe(true);
    expect(secondary.calls).toHaveLength(0);
  });

  it("does not start when the client has already gone", async () => {
    const primary = fake("moonshot", { kind: "status", status: 200 });
    const client = new AbortController();
    client.abort(new Error("gone"));
    await expect(
      run(primary, fake("aimlapi", { kind: "status", status: 200 }), { signal: client.signal }),
    ).rejects.toThrow("gone");
    expect(primary.calls).toHaveLength(0);
  });

  it("after a 2xx, a client abort or abort() stops the chosen upstream request", async () => {
    const client = new AbortController();
    const primary = fake("moonshot", { kind: "status", status: 200 });
    const first = await run(primary, fake("aimlapi", { kind: "status", status: 200 }), {
      signal: client.signal,
    });
    expect(first.signal.aborted).toBe(false);
    client.abort();
    expect(primary.calls[0]?.signal.aborted).toBe(true);

    const second = await run(
      fake("moonshot", { kind: "status", status: 200 }),
      fake("aimlapi", { kind: "status", status: 200 }),
    );
    second.abort(new Error("idle"));
    expect(second.signal.aborted).toBe(true);
  });

  it("the first-byte timer stops once the route answers", async () => {
    vi.useFakeTimers();
    try {
      const result = await run(
        fake("moonshot", { kind: "status", status: 200 }),
        fake("aimlapi", { kind: "status", status: 200 }),
        { timeoutMs: 20 },
      );
      vi.advanceTimersByTime(1_000);
      expect(result.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
