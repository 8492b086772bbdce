import { describe, expect, it } from "vitest";
import { ChatRequestError, parseChunk, type StreamEvent, streamChat } from "@/lib/playground/stream";

const encoder = new TextEncoder();

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: "c1",
    object: "chat.completion.chunk",
    created: 1,
    model: "kimi-k2",
    choices: [{ index: 0, delta, finish_reason: null }],
    ...extra,
  });
}

/** A Response whose body delivers `parts` one by one (each may split an SSE frame anywhere). */
function sseResponse(parts: string[], init: ResponseInit = {}, options: { error?: Error } = {}): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++];
      if (part !== undefined) controller.enqueue(encoder.encode(part));
      else if (options.error) controller.error(options.error);
      else controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "text/event-stream", ...(init.headers as Record<string, string>) },
  });
}

async function collect(gen: AsyncGenerator<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

const fetchReturning = (res: Response) => (async () => res) as unknown as typeof fetch;

describe("parseChunk", () => {
  it.each([
    ["content", chunk({ content: "Hi" }), [{ type: "delta", index: 0, content: "Hi", reasoning: "" }]],
    [
      "reasoning",
      chunk({ reasoning_content: "hmm" }),
      [{ type: "delta", index: 0, content: "", reasoning: "hmm" }],
    ],
    ["role-only first chunk", chunk({ role: "assistant", content: "" }), []],
    ["done", "[DONE]", [{ type: "done" }]],
    ["not JSON", "{oops", []],
    ["a JSON array", "[1,2]", []],
    [
      "error event",
      JSON.stringify({ error: { message: "boom", type: "server_error", code: "upstream_error" } }),
      [{ type: "error", code: "upstream_error", message: "boom" }],
    ],
    [
      "usage chunk",
      JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } }),
      [{ type: "usage", usage: { promptTokens: 5, completionTokens: 7 } }],
    ],
  ] as const)("%s", (_name, data, expected) => {
    expect(parseChunk(data)).toEqual(expected);
  });

  it("reads finish_reason and Moonshot's per-choice usage", () => {
    const data = JSON.stringify({
      choices: [
        {
          index: 1,
          delta: {},
          finish_reason: "length",
          usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
        },
      ],
    });
    expect(parseChunk(data)).toEqual([
      { type: "finish", index: 1, reason: "length" },
      { type: "usage", usage: { promptTokens: 1, completionTokens: 2 } },
    ]);
  });
});

describe("streamChat", () => {
  it("yields open, deltas as they arrive, usage and done", async () => {
    const body = [
      `data: ${chunk({ reasoning_content: "Think" })}\n\n`,
      `data: ${chunk({ content: "Hel" })}\n`,
      `\ndata: ${chunk({ content: "lo ✓" }).slice(0, 30)}`,
      `${chunk({ content: "lo ✓" }).slice(30)}\n\n`,
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`,
      "data: [DONE]\n\n",
    ];
    const res = sseResponse(body, {
      headers: {
        "X-Upstream": "simulator",
        "X-Request-Id": "req_1",
        "X-Credits-Remaining": "41",
        "X-Credits-Cost": "1",
      },
    });
    const events = await collect(streamChat({ url: "/x", body: {}, fetch: fetchReturning(res) }));
    expect(events).toEqual([
      { type: "open", meta: { upstream: "simulator", requestId: "req_1", creditsRemaining: 41, cost: 1 } },
      { type: "delta", index: 0, content: "", reasoning: "Think" },
      { type: "delta", index: 0, content: "Hel", reasoning: "" },
      { type: "delta", index: 0, content: "lo ✓", reasoning: "" },
      { type: "usage", usage: { promptTokens: 3, completionTokens: 4 } },
      { type: "done" },
    ]);
  });

  it("sends the body as JSON with POST", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return sseResponse(["data: [DONE]\n\n"]);
    }) as unknown as typeof fetch;
    await collect(streamChat({ url: "/api/playground/chat", body: { model: "kimi-k2" }, fetch: fakeFetch }));
    expect(seen?.url).toBe("/api/playground/chat");
    expect(seen?.init.method).toBe("POST");
    expect(seen?.init.body).toBe('{"model":"kimi-k2"}');
  });

  it.each([
    [
      403,
      { error: { code: "insufficient_credits", message: "No credits." } },
      {},
      "insufficient_credits",
      "No credits.",
      null,
    ],
    [
      429,
      { error: { code: "rate_limit_exceeded", message: "Slow down." } },
      { "Retry-After": "12" },
      "rate_limit_exceeded",
      "Slow down.",
      12,
    ],
    [
      503,
      { error: { code: "upstream_unavailable", message: "Down." } },
      {},
      "upstream_unavailable",
      "Down.",
      null,
    ],
    [500, "<html>oops</html>", {}, "http_error", "The request failed (HTTP 500).", null],
  ] as const)(
    "HTTP %i becomes a ChatRequestError",
    async (status, body, headers, code, message, retryAfter) => {
      const res = new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
      const gen = streamChat({ url: "/x", body: {}, fetch: fetchReturning(res) });
      const error = await gen.next().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ChatRequestError);
      expect(error).toMatchObject({ status, code, message, retryAfter });
    },
  );

  it("reports a network failure as a ChatRequestError", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    await expect(collect(streamChat({ url: "/x", body: {}, fetch: failing }))).rejects.toMatchObject({
      code: "network_error",
    });
  });

  it("ends with the error event of a stream that fails mid-way, and reads nothing after it", async () => {
    const res = sseResponse([
      `data: ${chunk({ content: "Part" })}\n\n`,
      `data: ${JSON.stringify({ error: { message: "lost", code: "upstream_error" } })}\n\n`,
      `data: ${chunk({ content: "never" })}\n\n`,
    ]);
    const events = await collect(streamChat({ url: "/x", body: {}, fetch: fetchReturning(res) }));
    expect(events.slice(1)).toEqual([
      { type: "delta", index: 0, content: "Part", reasoning: "" },
      { type: "error", code: "upstream_error", message: "lost" },
    ]);
  });

  it("treats a stream cut off without [DONE] as lost", async () => {
    const res = sseResponse(
      [`data: ${chunk({ content: "Part" })}\n\n`],
      {},
      { error: new TypeError("terminated") },
    );
    const events = await collect(streamChat({ url: "/x", body: {}, fetch: fetchReturning(res) }));
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "connection_lost",
      message: "The connection was lost mid-reply.",
    });
  });

  it("ends with `aborted` when the caller aborts mid-stream", async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode(`data: ${chunk({ content: "A" })}\n\n`));
        controller.signal.addEventListener("abort", () => c.error(new DOMException("aborted", "AbortError")));
      },
    });
    const res = new Response(body, { status: 200 });
    const events: StreamEvent[] = [];
    for await (const e of streamChat({
      url: "/x",
      body: {},
      signal: controller.signal,
      fetch: fetchReturning(res),
    })) {
      events.push(e);
      if (e.type === "delta") controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(["open", "delta", "aborted"]);
  });

  it("ends with `aborted` when aborted before the response", async () => {
    const controller = new AbortController();
    controller.abort();
    const rejecting = (async () => {
      throw new DOMException("aborted", "AbortError");
    }) as unknown as typeof fetch;
    const events = await collect(
      streamChat({ url: "/x", body: {}, signal: controller.signal, fetch: rejecting }),
    );
    expect(events).toEqual([{ type: "aborted" }]);
  });
});
