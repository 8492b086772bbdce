import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { childMetrics, flushChildRequestLogs } from "@/lib/ipc";

// The parent's half of the hand-over with Next.js at shutdown, against real child processes that
// stand in for Next (the e2e production-shutdown spec runs the real pair).

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** A child with an IPC channel running `source`; resolves once it is listening for messages. */
async function child(source: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["-e", `${source}; process.send("ready")`], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  children.push(proc);
  await once(proc, "message");
  return proc;
}

describe("flushChildRequestLogs", () => {
  it("resolves when the child says its logs are written, not before", async () => {
    // Answers 200 ms after it is asked, as a slow write would.
    const proc = await child(`
      process.on("message", (m) => {
        if (m && m.type === "kimi:request-logs-flush")
          setTimeout(() => process.send({ type: "kimi:request-logs-flushed" }), 200);
      })`);
    let answered = false;
    proc.on("message", (m: { type?: string }) => {
      if (m.type === "kimi:request-logs-flushed") answered = true;
    });
    await flushChildRequestLogs(proc, 30_000);
    expect(answered).toBe(true);
  });

  it("ignores the child's other messages", async () => {
    const proc = await child(`
      process.on("message", (m) => {
        if (m && m.type === "kimi:request-logs-flush") {
          process.send({ type: "kimi:api-key-revoked", keyId: "k" });
          setTimeout(() => process.send({ type: "kimi:request-logs-flushed" }), 100);
        }
      })`);
    const messages: unknown[] = [];
    proc.on("message", (m) => messages.push(m));
    await flushChildRequestLogs(proc, 30_000);
    expect(messages).toEqual([
      { type: "kimi:api-key-revoked", keyId: "k" },
      { type: "kimi:request-logs-flushed" },
    ]);
  });

  it("resolves when the child exits without answering", async () => {
    const proc = await child(`process.on("message", () => process.exit(3))`);
    await flushChildRequestLogs(proc, 30_000);
    expect(proc.exitCode ?? (await once(proc, "exit"))[0]).toBe(3);
  });

  it("gives up after the timeout on a child that never answers", async () => {
    const proc = await child(`process.on("message", () => undefined)`);
    await flushChildRequestLogs(proc, 100);
    expect(proc.exitCode).toBeNull();
  });

  it("resolves at once for a child already gone", async () => {
    const proc = await child("");
    proc.disconnect();
    await flushChildRequestLogs(proc, 30_000);
    expect(proc.connected).toBe(false);
  });
});

describe("childMetrics", () => {
  it("resolves with the child's answer to this request, whatever else it sends", async () => {
    const proc = await child(`
      process.on("message", (m) => {
        if (m && m.type === "kimi:metrics-asked") {
          process.send({ type: "kimi:metrics", id: m.id + 1000, metrics: [] });
          process.send({ type: "kimi:metrics", id: m.id, metrics: [{ name: "n", id: m.id }] });
        }
      })`);
    const [first, second] = await Promise.all([childMetrics(proc, 30_000), childMetrics(proc, 30_000)]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first?.[0]).not.toEqual(second?.[0]);
  });

  it("resolves undefined when the child does not answer in time", async () => {
    const proc = await child("process.on('message', () => undefined)");
    expect(await childMetrics(proc, 100)).toBeUndefined();
  });
});
