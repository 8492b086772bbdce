import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { e2eEnv } from "./env";

// For specs that need a production server with settings of its own (started beside the suite's,
// on the same database), and clients whose connections leave from a given loopback address —
// Linux's loopback accepts any 127.x.y.z, so one machine can play many clients.

export interface OwnServer {
  url: string;
  stop(): Promise<void>;
}

/** `npm start` on APP_PORT + `portOffset`, with the suite's environment plus `settings`. */
export async function startOwnServer(
  portOffset: number,
  settings: Record<string, string>,
): Promise<OwnServer> {
  const env = e2eEnv();
  const port = Number(env.APP_PORT) + portOffset;
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/server.ts", "-p", String(port)],
    {
      env: { ...process.env, ...(env as unknown as Record<string, string>), AUTH_URL: url, ...settings },
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
  return {
    url,
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
    },
  };
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
