import { execFile } from "node:child_process";
import OpenAI from "openai";
import { e2eEnv } from "../env";
import { API_BASE, creditState, expect, test, uniqueEmail } from "../fixtures";

// The operator CLI against the same database the running server uses (PRODUCT.md §4): it must
// work while the server serves requests, and bad arguments must fail clearly with a non-zero exit.

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function admin(...args: string[]): Promise<CliResult> {
  const env = e2eEnv();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/admin.ts", ...args],
      { env: { ...process.env, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: "error" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("creates a user and a key that the running server accepts, and grants credits live", async () => {
  const email = uniqueEmail("cli");
  const created = await admin(
    "user:create",
    "--email",
    email,
    "--password",
    "cli-password-1",
    "--credits",
    "7",
  );
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

test("a duplicate email and a short password are refused without writing anything", async () => {
  const email = uniqueEmail("cli-dup");
  expect((await admin("user:create", "--email", email, "--password", "cli-password-1")).code).toBe(0);
  const duplicate = await admin("user:create", "--email", email, "--password", "cli-password-2");
  expect(duplicate.code).toBe(1);
  expect(duplicate.stderr).toMatch(/already exists/);
  const short = await admin("user:create", "--email", uniqueEmail("cli-short"), "--password", "short");
  expect(short.code).toBe(1);
  expect(short.stderr).toMatch(/at least 8 characters/);
});
