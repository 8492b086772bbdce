import { spawn } from "node:child_process";
import OpenAI from "openai";
import { e2eEnv } from "../env";
import { API_BASE, creditState, expect, test, uniqueEmail } from "../fixtures";
import { type CliResult, admin as run } from "./admin-helpers";
import { signedInContext } from "./billing-helpers";

// The operator CLI against the same database the running server uses (PRODUCT.md §4): it must
// work while the server serves requests, and bad arguments must fail clearly with a non-zero exit.

function admin(...args: string[]): Promise<CliResult> {
  return run(args);
}

test("creates a user and a key that the running server accepts, and grants credits live", async () => {
  test.slow(); // five CLI processes, each starting Node, tsx and the data layer
  const email = uniqueEmail("cli");
  const created = await run(["user:create", "--email", email, "--password-stdin", "--credits", "7"], {
    input: "cli-password-1\n",
  });
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const user = JSON.parse(created.stdout.trim()) as {
    id: string;
    email: string;
    balance: number;
    inviteCode: string;
  };
  expect(user).toMatchObject({ email, balance: 7 });
  expect(user.inviteCode).toMatch(/^[A-Z0-9]{8}$/);

  const key = await admin("key:create", "--email", email, "--name", "ops");
  expect(key.code).toBe(0);
  const secret = key.stdout.trim().split("\n").at(-1) ?? "";
  expect(secret).toMatch(/^sk-kimi-[0-9A-Za-z]{40}$/);

  const openai = new OpenAI({ apiKey: secret, baseURL: API_BASE, maxRetries: 0 });
  // Requests in flight while the CLI writes to the same database.
  const calls = Array.from({ length: 4 }, () =>
    openai.chat.completions.create({ model: "kimi-k2", messages: [{ role: "user", content: "hi" }] }),
  );
  const grant = await admin(
    "credits:grant",
    "--email",
    email,
    "--amount",
    "100",
    "--expires-in-days",
    "30",
    "--reason",
    "support",
  );
  expect(grant.code).toBe(0);
  await Promise.all(calls);

  const state = await creditState(user.id);
  expect(state.balance).toBe(7 + 100 - 4);
  expect(state.ledgerSum).toBe(state.balance);

  const shown = await admin("user:show", "--email", email);
  expect(JSON.parse(shown.stdout.trim())).toMatchObject({ id: user.id, email, balance: 103 });
  const credits = await admin("credits:show", "--email", email);
  const report = JSON.parse(credits.stdout) as {
    balance: number;
    grants: Array<{ source: string; expiresAt: string | null }>;
  };
  expect(report.balance).toBe(103);
  expect(report.grants.map((g) => g.source).sort()).toEqual(["operator", "signup"]);
  expect(report.grants.find((g) => g.source === "operator")?.expiresAt).not.toBeNull();
});

const badArguments: Array<{ name: string; args: string[]; message: RegExp; code: number }> = [
  {
    name: "no such command",
    args: ["user:delete", "--email", "a@b.io"],
    message: /unknown command/,
    code: 2,
  },
  { name: "missing email", args: ["user:show"], message: /--email is required/, code: 2 },
  { name: "unknown option", args: ["user:show", "--email", "a@b.io", "--bogus"], message: /bogus/, code: 2 },
  {
    name: "non-numeric amount",
    args: ["credits:grant", "--email", "a@b.io", "--amount", "ten"],
    message: /whole number/,
    code: 2,
  },
  {
    name: "zero amount",
    args: ["credits:grant", "--email", "a@b.io", "--amount", "0"],
    message: /positive/,
    code: 2,
  },
  {
    name: "bad email",
    args: ["user:create", "--email", "not-an-email", "--password", "long-enough"],
    message: /email address/,
    code: 2,
  },
  {
    name: "unknown user",
    args: ["user:show", "--email", "nobody-here@test.kimi.local"],
    message: /no user with email/,
    code: 2,
  },
];

for (const { name, args, message, code } of badArguments) {
  test(`bad arguments: ${name} → clear error, exit ${code}`, async () => {
    const result = await admin(...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
}

test("a duplicate email, a short or a common password are refused without writing anything", async () => {
  test.slow(); // five CLI processes
  const { findUserByEmail } = await import("@/lib/data/users");
  const email = uniqueEmail("cli-dup");
  const ok = await run(["user:create", "--email", email, "--password-stdin"], { input: "cli-password-1\n" });
  expect(ok.code).toBe(0);
  const duplicate = await run(["user:create", "--email", email, "--password-stdin"], {
    input: "cli-password-2\n",
  });
  expect(duplicate.code).toBe(1);
  expect(duplicate.stderr).toMatch(/already exists/);
  for (const [password, message] of [
    ["short", /at least 10 characters/],
    ["123456789", /at least 10 characters/],
    ["password123", /most common/],
  ] as const) {
    const email = uniqueEmail("cli-weak");
    const weak = await run(["user:create", "--email", email, "--password-stdin"], { input: `${password}\n` });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(message);
    expect(weak.stdout).toBe("");
    expect(await findUserByEmail(email)).toBeNull();
  }
});

test("--password still works for scripts, with a warning on stderr", async () => {
  const email = uniqueEmail("cli-argv");
  const created = await admin("user:create", "--email", email, "--password", "cli-password-1");
  expect(created.code).toBe(0);
  expect(created.stderr).toMatch(/^warning: --password is visible to other users of this machine/);
  expect(JSON.parse(created.stdout)).toMatchObject({ email });
  const session = await signedInContext(email, "cli-password-1");
  await session.dispose();
});

const badPasswordInput: Array<{ name: string; args: string[]; input: string; message: RegExp }> = [
  {
    name: "no password option and no terminal",
    args: ["user:create", "--email", "a@b.io"],
    input: "",
    message: /a password is required/,
  },
  {
    name: "--password-stdin with nothing on stdin",
    args: ["user:create", "--email", "a@b.io", "--password-stdin"],
    input: "",
    message: /no password on stdin/,
  },
  {
    name: "both --password and --password-stdin",
    args: ["user:create", "--email", "a@b.io", "--password", "cli-password-1", "--password-stdin"],
    input: "cli-password-1\n",
    message: /either --password or --password-stdin/,
  },
  {
    name: "user:password for an unknown user",
    args: ["user:password", "--email", "nobody-here@test.kimi.local", "--password-stdin"],
    input: "cli-password-1\n",
    message: /no user with email/,
  },
];

for (const { name, args, input, message } of badPasswordInput) {
  test(`bad password input: ${name} → clear error, exit 2`, async () => {
    const result = await run(args, { input });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
}

test("on a terminal, the password is asked for twice and never echoed", async () => {
  // `script` gives the CLI a real pseudo-terminal; what it shows is what the operator would see.
  const email = uniqueEmail("cli-tty");
  const password = "typed-on-a-tty-77";
  const command = `${process.execPath} --conditions=react-server --import tsx scripts/admin.ts user:create --email ${email}`;
  const { DATA_DIR, DATABASE_URL } = e2eEnv();
  const child = spawn("script", ["-qefc", command, "/dev/null"], {
    env: { ...process.env, DATA_DIR, DATABASE_URL, LOG_LEVEL: "error" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
    for (const w of waiters.filter((w) => screen.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const shown = (text: string) =>
    screen.includes(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));

  await shown("New password: ");
  child.stdin.write(`${password}\r`);
  await shown("Repeat it: ");
  child.stdin.write(`${password}\r`);
  expect(await exited).toBe(0);
  expect(screen).toContain(`"email":"${email}"`);
  expect(screen).not.toContain(password);
  const session = await signedInContext(email, password);
  await session.dispose();
});
