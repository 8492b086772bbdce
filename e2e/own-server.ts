import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { e2eEnv } from "./env";

// A production server (`npm start`) of a spec's own, for settings the shared e2e server does not
// have: the suite's environment (same database) with `overrides` on top, an override of undefined
// removing the variable. Its output (logs included) is kept for the spec to read.

/** A port of the spec's own: the suite's APP_PORT plus an offset (55–59 are the payment specs'). */
export function ownPort(offset: number): number {
  return Number(e2eEnv().APP_PORT) + offset;
}

export interface OwnServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function spawnServer(port: number, overrides: Record<string, string | undefined>) {
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...(e2eEnv() as unknown as Record<string, string>),
    APP_PORT: String(port),
    APP_URL: url,
    AUTH_URL: url,
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/server.ts", "-p", String(port)],
    { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { url, child, output: () => out };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(guard);
}

export async function startOwnServer(
  port: number,
  overrides: Record<string, string | undefined>,
): Promise<OwnServer> {
  const { url, child, output } = spawnServer(port, overrides);
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output().includes("> Ready on")) {
        child.stdout?.off("data", onData);
        child.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}: ${output()}`));
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
  return { url, output, stop: () => stopChild(child) };
}

/**
 * Starts a server that is expected to refuse to start. Resolves with its exit code and output;
 * if it comes up instead, it is stopped and `ready` is true.
 */
export async function startExpectingRefusal(
  port: number,
  overrides: Record<string, string | undefined>,
): Promise<{ ready: boolean; code: number | null; output: string }> {
  const { child, output } = spawnServer(port, overrides);
  return new Promise((resolve) => {
    const onData = () => {
      if (!output().includes("> Ready on")) return;
      child.off("close", onExit);
      void stopChild(child).then(() => resolve({ ready: true, code: null, output: output() }));
    };
    // "close", not "exit": all of its output has been read by then.
    const onExit = (code: number | null) => {
      child.stdout?.off("data", onData);
      resolve({ ready: false, code, output: output() });
    };
    child.stdout?.on("data", onData);
    child.once("close", onExit);
  });
}
