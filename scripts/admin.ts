// Operator CLI: `npm run admin -- <command> [options]`. Works while the server runs, on the same
// data (SQLite in WAL mode with a busy timeout, or PostgreSQL). Bad arguments exit 2.
import { parseArgs } from "node:util";
import { createApiKey } from "@/lib/data/api-keys";
import { getCreditSummary, grantCredits } from "@/lib/data/credits";
import { listRecentLedger } from "@/lib/data/usage-stats";
import { createUser, findUserByEmail, getBalance, setPassword } from "@/lib/data/users";
import { ensureMigrated } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { promptHidden, readFirstLine } from "./admin/read-password";

const USAGE = `usage: npm run admin -- <command> [options]

  user:create   --email E [PASSWORD] [--credits N]     create a user (N replaces the 100-credit sign-up grant)
  user:password --email E [PASSWORD]                 set a new password and sign the user out everywhere
  user:show     --email E                            JSON: id, email, balance, inviteCode
  key:create    --email E [--name N] [--no-rate-limit]  create an API key; prints the key alone on the last line
  credits:grant --email E --amount N [--expires-in-days D] [--reason R]
  credits:show  --email E                            JSON: balance, grants, recent ledger

  PASSWORD: --password-stdin reads it from the first line of stdin; with no option and a
  terminal, it is asked for without echo; --password P still works but shows P in ps.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function positiveInt(value: string | undefined, name: string, allowZero = false): number {
  if (value === undefined) return fail(`--${name} is required`);
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || (!allowZero && n === 0)) fail(`--${name} must be a positive whole number`);
  return n;
}

async function userOrFail(email: string | undefined) {
  if (!email) fail("--email is required");
  const user = await findUserByEmail(email);
  if (!user) fail(`no user with email ${email}`);
  return user;
}

/** The password from --password-stdin, a hidden prompt, or (warned against) --password. */
async function newPassword(values: { password?: string; "password-stdin"?: boolean }): Promise<string> {
  if (values.password !== undefined && values["password-stdin"])
    fail("give either --password or --password-stdin, not both");
  if (values["password-stdin"]) {
    const line = await readFirstLine(process.stdin);
    if (!line) fail("--password-stdin: no password on stdin");
    return line;
  }
  if (values.password !== undefined) {
    console.error(
      "warning: --password is visible to other users of this machine (ps, shell history); use --password-stdin or the prompt",
    );
    return values.password;
  }
  if (!process.stdin.isTTY)
    fail("a password is required: --password-stdin, or run on a terminal to be asked");
  const first = await promptHidden("New password: ", process.stdin, process.stderr);
  const again = await promptHidden("Repeat it: ", process.stdin, process.stderr);
  if (first !== again) throw new AppError("invalid_request", "The passwords do not match.");
  return first;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "help") {
    console.log(USAGE);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean" },
      credits: { type: "string" },
      name: { type: "string" },
      "no-rate-limit": { type: "boolean" },
      amount: { type: "string" },
      "expires-in-days": { type: "string" },
      reason: { type: "string" },
    },
    strict: true,
  });
  await ensureMigrated();
  switch (command) {
    case "user:create": {
      if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email))
        fail("--email must be an email address");
      const signupCredits =
        values.credits === undefined ? undefined : positiveInt(values.credits, "credits", true);
      const password = await newPassword(values);
      const user = await createUser({ email: values.email, password, signupCredits });
      const balance = await getBalance({ userId: user.id });
      console.log(JSON.stringify({ id: user.id, email: user.email, balance, inviteCode: user.inviteCode }));
      return;
    }
    case "user:password": {
      const user = await userOrFail(values.email);
      const { sessionsEnded } = await setPassword({ userId: user.id, password: await newPassword(values) });
      console.log(JSON.stringify({ email: user.email, sessionsEnded }));
      return;
    }
    case "user:show": {
      const user = await userOrFail(values.email);
      console.log(
        JSON.stringify({
          id: user.id,
          email: user.email,
          balance: user.balance,
          inviteCode: user.inviteCode,
          role: user.role,
        }),
      );
      return;
    }
    case "key:create": {
      const user = await userOrFail(values.email);
      const key = await createApiKey({
        userId: user.id,
        name: values.name ?? "CLI key",
        rateLimitDisabled: values["no-rate-limit"] ?? false,
      });
      console.log(
        `Created key "${key.name}" (${key.prefix}) for ${user.email}${values["no-rate-limit"] ? ", no rate limit" : ""}.`,
      );
      console.log(key.key);
      return;
    }
    case "credits:grant": {
      // Arguments first, so a typo is reported as such before anything is looked up.
      const amount = positiveInt(values.amount, "amount");
      const days =
        values["expires-in-days"] === undefined
          ? undefined
          : positiveInt(values["expires-in-days"], "expires-in-days");
      const user = await userOrFail(values.email);
      const expiresAt = days === undefined ? null : new Date(Date.now() + days * 86_400_000);
      const result = await grantCredits({
        userId: user.id,
        amount,
        source: "operator",
        idempotencyKey: `operator:${crypto.randomUUID()}`,
        expiresAt,
        note: values.reason ?? "operator grant",
      });
      console.log(JSON.stringify({ email: user.email, granted: amount, balance: result.balance, expiresAt }));
      return;
    }
    case "credits:show": {
      const user = await userOrFail(values.email);
      const summary = await getCreditSummary({ userId: user.id });
      const ledger = await listRecentLedger({ userId: user.id, limit: 20 });
      console.log(JSON.stringify({ email: user.email, ...summary, ledger }, null, 2));
      return;
    }
    default:
      fail(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      console.error(`error: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof AppError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
