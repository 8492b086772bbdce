import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatCompletion, ChatCompletionChunk } from "@/lib/gateway/openai-types";
import { parseJsonSafe, readSse } from "@/lib/gateway/sse";
import { type SimulatorServer, startSimulatorServer } from "./simulator";

let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});

afterAll(async () => {
  await server.close();
});

const chat = (body: unknown, init: RequestInit = {}) =>
  fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });

const hello = { model: "kimi-k2-0905-preview", messages: [{ role: "user", content: "hello" }] };

describe("simulator server", () => {
  it("serves health and the model list", async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: "ok" });
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain("kimi-k2-thinking");
  });

  it("answers a non-streaming completion", async () => {
    const response = await chat(hello);
    expect(response.status).toBe(200);
    const completion = (await response.json()) as ChatCompletion;
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toMatch(/\w+/);
  });

  it("streams SSE chunks ending with [DONE]", async () => {
    const response = await chat({ ...hello, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const data: string[] = [];
    for await (const event of readSse(response.body ?? expect.fail("no body"))) data.push(event.data);
    expect(data.at(-1)).toBe("[DONE]");
    const last = parseJsonSafe<ChatCompletionChunk>(data.at(-2) ?? "");
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it.each([
    ["bad JSON", "{not json", { authorization: "Bearer test" }, 400],
    ["a body without messages", JSON.stringify({ model: "kimi-k2" }), { authorization: "Bearer test" }, 400],
    ["no Authorization header", JSON.stringify(hello), {}, 401],
    ["a non-Bearer Authorization header", JSON.stringify(hello), { authorization: "Basic abc" }, 401],
  ])("rejects %s", async (_name, body, headers, status) => {
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers, body });
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { message: string; type: string } };
    expect(error.error.type).toMatch(/error$/);
  });

  it("cuts the connection when a stream drops", async () => {
    const response = await chat({
      ...hello,
      stream: true,
      messages: [{ role: "user", content: "[[sim:drop-after=1]] hi" }],
    });
    expect(response.status).toBe(200);
    const received: string[] = [];
    const read = async () => {
      for await (const event of readSse(response.body ?? expect.fail("no body"))) received.push(event.data);
    };
    await expect(read()).rejects.toThrow();
    expect(received).toHaveLength(2);
  });

  it("aborts the simulated upstream when the client disconnects", async () => {
    const before = { requests: server.requests, aborted: server.aborted };
    const client = new AbortController();
    const hanging = chat(
      { ...hello, messages: [{ role: "user", content: "[[sim:hang]]" }] },
      { signal: client.signal },
    );
    await vi.waitFor(() => expect(server.requests).toBe(before.requests + 1));
    client.abort();
    await expect(hanging).rejects.toMatchObject({ name: "AbortError" });
    await vi.waitFor(() => expect(server.aborted).toBe(before.aborted + 1));
  });
});
