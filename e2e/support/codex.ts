import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// The real Codex CLI (`codex exec`) against a server of ours, with no way to reach anything else:
// it runs in a network namespace that has only loopback, where socat forwards one port through a
// unix socket to a socat in the host namespace, which connects to the server. A pid namespace makes
// everything inside die with its first process, and the whole run has a deadline.

const CODEX_JS = path.resolve("node_modules/@openai/codex/bin/codex.js");
/** The port Codex sees inside the namespace; nothing else listens there. */
const INNER_PORT = 8080;
const KEY_ENV = "KIMI_API_KEY";

export interface CodexRun {
  exitCode: number | null;
  /** Set when the deadline passed and the run was killed. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** The last message of the agent (`--output-last-message`), or "" when there was none. */
  lastMessage: string;
  /** `--json` events, one per stdout line that parsed. */
  events: Array<Record<string, unknown>>;
  /** The run's temporary directory (CODEX_HOME, working directory, socket), removed by now. */
  tempDir: string;
}

export interface CodexOptions {
  /** The server Codex talks to, e.g. http://127.0.0.1:4300 (its /api/v1 is the provider's base URL). */
  serverUrl: string;
  apiKey: string;
  model: string;
  prompt: string;
  /** Kills the run after this long; the result then has timedOut set. */
  timeoutMs?: number;
  /** Extra root keys of config.toml, e.g. { model_reasoning_effort: "low" } (string values quoted). */
  config?: Record<string, string | number | boolean>;
}

const toml = (value: string | number | boolean) =>
  typeof value === "string" ? JSON.stringify(value) : String(value);

function configToml(model: string, extra: Record<string, string | number | boolean>): string {
  const root = { model, model_provider: "kimi", ...extra };
  return [
    ...Object.entries(root).map(([key, value]) => `${key} = ${toml(value)}`),
    "",
    "[model_providers.kimi]",
    'name = "Kimi Playground"',
    `base_url = "http://127.0.0.1:${INNER_PORT}/api/v1"`,
    `env_key = "${KEY_ENV}"`,
    'wire_api = "responses"',
    // One attempt: a failure must show, not be retried into a timeout.
    "request_max_retries = 0",
    "stream_max_retries = 0",
    "",
  ].join("\n");
}

async function waitForFile(file: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode} before listening`);
    const found = await stat(file).then(
      () => true,
      () => false,
    );
    if (found) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`socat did not create ${file}`);
}

/** Kills a detached child's whole process group and waits for the child itself to exit. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGKILL");
  await exited;
}

/** Processes whose command line mentions `text` (a run's temp dir: its socat, unshare, Codex). */
export async function processesMentioning(text: string): Promise<string[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const found: string[] = [];
  for (const pid of pids) {
    // A process may exit between the listing and the read.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ESRCH") return "";
      throw error;
    });
    if (cmdline.includes(text)) found.push(`${pid}: ${cmdline.replaceAll("\0", " ")}`);
  }
  return found;
}

/** Runs `codex exec` once and cleans up (processes, socket, temp dirs) whatever happens. */
export async function runCodex(options: CodexOptions): Promise<CodexRun> {
  const timeoutMs = options.timeoutMs ?? 45_000;
  const deadline = Date.now() + timeoutMs;
  const dir = await mkdtemp(path.join(os.tmpdir(), "kimi-codex-"));
  const home = path.join(dir, "home");
  const work = path.join(dir, "work");
  const socket = path.join(dir, "s.sock");
  const lastMessageFile = path.join(dir, "last-message.txt");
  const children: ChildProcess[] = [];
  try {
    await Promise.all([mkdir(home), mkdir(work)]);
    await writeFile(path.join(home, "config.toml"), configToml(options.model, options.config ?? {}));

    const server = new URL(options.serverUrl);
    const bridge = spawn(
      "socat",
      [`UNIX-LISTEN:${socket},fork,mode=600`, `TCP:${server.hostname}:${server.port}`],
      { stdio: "ignore", detached: true },
    );
    children.push(bridge);
    await waitForFile(socket, bridge, deadline);

    const codexArgs = [
      CODEX_JS,
      "exec",
      "--json",
      "--color",
      "never",
      "--skip-git-repo-check",
      "--ephemeral",
      "--ignore-rules",
      // The namespace is the sandbox: Codex's own (bubblewrap) cannot nest in it.
      "--dangerously-bypass-approvals-and-sandbox",
      "--cd",
      work,
      "--output-last-message",
      lastMessageFile,
      "--",
      options.prompt,
    ].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`);
    // Inside: loopback up, the forwarding socat, a wait until it accepts, then Codex.
    const script = [
      "set -e",
      "ip link set lo up",
      `socat TCP-LISTEN:${INNER_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${socket} &`,
      `for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/${INNER_PORT}) 2>/dev/null && break; sleep 0.05; done`,
      `"${process.execPath}" ${codexArgs.join(" ")}`,
    ].join("\n");
    // Only what Codex needs: none of this process's variables (keys, database URLs) reach it.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      CODEX_HOME: home,
      [KEY_ENV]: options.apiKey,
      NO_COLOR: "1",
      RUST_LOG: "error",
    };
    const codex = spawn("unshare", ["--net", "--pid", "--fork", "--kill-child", "bash", "-c", script], {
      cwd: work,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: env as NodeJS.ProcessEnv,
    });
    children.push(codex);
    let stdout = "";
    let stderr = "";
    codex.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    codex.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        void killGroup(codex);
      },
      Math.max(0, deadline - Date.now()),
    );
    const [exitCode] = (await once(codex, "close")) as [number | null];
    clearTimeout(timer);

    const lastMessage = await readFile(lastMessageFile, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "";
      throw error;
    });
    const events = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    return { exitCode, timedOut, stdout, stderr, lastMessage, events, tempDir: dir };
  } finally {
    await Promise.all(children.map(killGroup));
    await rm(dir, { recursive: true, force: true });
  }
}
