import { afterEach, describe, expect, it, vi } from "vitest";
import { type SimulatorRequest, simulateChatCompletion } from ".";
import { request } from "./test-helpers";

afterEach(() => {
  vi.useRealTimers();
});

describe("latency and faults", () => {
  it("waits latencyMs before responding", async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = simulateChatCompletion(request("hi"), { latencyMs: 300 }).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it("fails with failRate according to options.random", async () => {
    const failed = await simulateChatCompletion(request("hi"), { failRate: 0.5, random: () => 0.49 });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      error: { message: "simulated upstream failure", type: "server_error" },
    });
    const passed = await simulateChatCompletion(request("hi"), { failRate: 0.5, random: () => 0.5 });
    expect(passed.status).toBe(200);
  });

  it.each([
    ["[[sim:fail=429]] hi", undefined, 429],
    ["[[sim:fail=503]] hi", undefined, 503],
    ["[[sim:fail=400]] hi", undefined, 400],
    ["[[sim:fail=500@primary]] hi", "primary", 500],
    ["[[sim:fail=500@primary]] hi", "backup", 200],
    ["[[sim:fail=500@primary]] hi", undefined, 200],
  ])("%s on simulator %s answers %i", async (prompt, name, status) => {
    const response = await simulateChatCompletion(request(prompt), { name });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error?: { message: string; type: string } };
    if (status !== 200) expect(body.error?.type).toMatch(/error$/);
    expect(response.headers.get("retry-after")).toBe(status === 429 ? "1" : null);
  });

  it("only reads directives from the last user message", async () => {
    const body: SimulatorRequest = {
      model: "kimi-k2",
      messages: [
        { role: "user", content: "[[sim:fail=500]]" },
        { role: "assistant", content: "ok" },
        { role: "user", content: "hi" },
      ],
    };
    expect((await simulateChatCompletion(body)).status).toBe(200);
  });

  it("hangs before headers until aborted with [[sim:hang]]", async () => {
    const controller = new AbortController();
    let settled = false;
    const pending = simulateChatCompletion(request("[[sim:hang]]"), { signal: controller.signal }).finally(
      () => {
        settled = true;
      },
    );
    await Promise.resolve();
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
