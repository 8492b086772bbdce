import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { e2eEnv } from "../env";
import { createAccount, expect, requestLogs, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// Stopping the production server (SIGTERM, as a container runtime does) loses no request log:
// neither the gateway's nor those of Next.js, its child, whose logs wait in a 20 ms batch.

const env = e2eEnv();
const port = Number(env.APP_PORT) + 50;
const url = `http://127.0.0.1:${port}`;

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "server/main.ts", "-p", String(port)],
    {
      env: { ...process.env, ...(env as unknown as Record<string, string>), AUTH_URL: url },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("> Ready on")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return server;
}

test("SIGTERM: the calls just answered by the gateway and by Next.js are all in the request log", async () => {
  test.setTimeout(120_000);
  const server = await startServer();
  const exited = once(server, "exit");
  try {
    const account = await createAccount({ credits: 5 });
    const api = await fetch(`${url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${account.key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] }),
    });
    expect(api.status).toBe(200);
    await api.json();

    const dashboard = await signedInContext(account.email, account.password, url);
    const playground = await dashboard.post("/api/playground/chat", {
      data: { model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] },
    });
    expect(playground.status()).toBe(200);
    await playground.body();
    await dashboard.dispose();

    // At once: the playground's log is still in Next's batch.
    server.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);

    const logs = await requestLogs(account.id);
    expect(logs.map((l) => [l.id, l.source, l.status]).sort()).toEqual(
      [
        [api.headers.get("x-request-id"), "api", 200],
        [playground.headers()["x-request-id"], "playground", 200],
      ].sort(),
    );
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});
