import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { e2eEnv } from "./env";

// A production server (`npm start`) of a spec's own, for settings the shared e2e server does not
// have: the suite's environment (same database) with `overrides` on top, an override of undefined
// removing the variable. Its output (logs included) is kept for the spec to read. Clients can leave
// from a given loopback address (clientFrom): Linux's loopback accepts any 127.x.y.z, so one
// machine can play many clients.

/** A port of the spec's own: the suite's APP_PORT plus an offset (each spec file its own). */
export function ownPort(offset: number): number {
  return Number(e2eEnv().APP_PORT) + offset;
}

export interface OwnServer {
  url: string;
  output(): string;
  /** The first match of `pattern` in the output, as soon as the output has it. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: nothing is settled or written on the way out. */
  kill(): Promise<void>;
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
    ["--conditions=react-server", "--import", "tsx", "server/main.ts", "-p", String(port)],
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
  const kill = async () => {
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };
  const waitForOutput = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output());
        if (!match) return false;
        clearTimeout(timer);
        child.stdout?.off("data", check);
        child.stderr?.off("data", check);
        resolve(match);
        return true;
      };
      const timer = setTimeout(() => {
        child.stdout?.off("data", check);
        child.stderr?.off("data", check);
        reject(new Error(`no ${pattern} in the server output within ${timeoutMs} ms`));
      }, timeoutMs);
      if (check()) return;
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
    });
  return { url, output, waitForOutput, stop: () => stopChild(child), kill };
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

/** A random loopback address other than 127.0.0.1, so that runs and tests do not share buckets. */
export function randomLoopback(): string {
  const byte = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
  return `127.${byte(1, 254)}.${byte(0, 255)}.${byte(1, 254)}`;
}

/** A random address from 198.18.0.0/15 (set aside for tests), for X-Forwarded-For entries. */
export function randomTestAddress(): string {
  return `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A client of `baseUrl` whose every connection comes from `localAddress`. */
export function clientFrom(localAddress: string, baseUrl: string) {
  // node:http, because undici's fetch and Agent ignore a local address.
  function send(
    method: "GET" | "POST",
    path: string,
    { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${baseUrl}${path}`, { method, headers, localAddress }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }
  return {
    get: (path: string, headers?: Record<string, string>) => send("GET", path, { headers }),
    /** A same-origin JSON post, as the app's own pages send. */
    postJson: (path: string, data: unknown, headers: Record<string, string> = {}) =>
      send("POST", path, {
        body: JSON.stringify(data),
        headers: { origin: baseUrl, "content-type": "application/json", ...headers },
      }),
    /**
     * The Auth.js credentials flow. Signed in: "ok"; refused: the `code` Auth.js put in the
     * redirect (invalid_credentials, too_many_attempts).
     */
    async signIn(email: string, password: string): Promise<string> {
      const csrf = await send("GET", "/api/auth/csrf");
      const cookie = ([] as string[])
        .concat(csrf.headers["set-cookie"] ?? [])
        .map((c) => c.split(";")[0])
        .join("; ");
      const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
      const res = await send("POST", "/api/auth/callback/credentials", {
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/keys` }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
      });
      const location = String(res.headers.location ?? "");
      if (res.status !== 302) throw new Error(`sign-in answered ${res.status}`);
      if (!location.includes("error=")) {
        const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
        if (!cookies.some((c) => c.includes("session-token="))) throw new Error("no session cookie");
        return "ok";
      }
      return new URL(location, baseUrl).searchParams.get("code") ?? "error";
    },
  };
}
