import { spawn } from "node:child_process";
import { e2eEnv } from "../env";

// The real operator CLI as a child process, on the database of the server under test.

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/admin.ts` with these arguments; `input` is written to its stdin, then closed. */
export function admin(args: string[], options: { input?: string } = {}): Promise<CliResult> {
  const env = e2eEnv();
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/admin.ts", ...args],
    {
      env: { ...process.env, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: "error" },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
