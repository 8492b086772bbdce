import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import OpenAI, { APIError, type ClientOptions } from "openai";
import { adoptServerEnvironment, E2E_PORTS, e2eEnv } from "./env";

// Fixtures write straight to the server's database through the app's own data layer (the same
// functions the admin CLI uses), so a test can have "a user with exactly 5 credits and a key"
// in a few milliseconds.

adoptServerEnvironment();

export const BASE_URL = e2eEnv().APP_URL;
export const API_BASE = `${BASE_URL}/api/v1`;

async function data() {
  const [users, keys, credits, dbMod] = await Promise.all([
    import("@/lib/data/users"),
    import("@/lib/data/api-keys"),
    import("@/lib/data/credits"),
    import("@/lib/db"),
  ]);
  await dbMod.ensureMigrated();
  return { users, keys, credits, db: dbMod.db };
}

export interface Account {
  id: string;
  email: string;
  password: string;
  inviteCode: string;
  /** A fresh API key (the full secret). */
  key: string;
  keyId: string;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 12)}@test.kimi.local`;
}

/** A user with exactly `credits` credits (default 100) and one API key. */
export async function createAccount(
  options: { credits?: number; email?: string; noRateLimit?: boolean; inviteCode?: string } = {},
): Promise<Account> {
  const { users, keys } = await data();
  const email = options.email ?? uniqueEmail();
  const password = `pw-${randomUUID()}`;
  const user = await users.createUser({
    email,
    password,
    signupCredits: options.credits ?? 100,
    inviteCode: options.inviteCode,
  });
  const key = await keys.createApiKey({
    userId: user.id,
    name: "e2e",
    rateLimitDisabled: options.noRateLimit ?? false,
  });
  return { id: user.id, email, password, inviteCode: user.inviteCode, key: key.key, keyId: key.id };
}

export async function createKey(userId: string, options: { expiresAt?: Date; name?: string } = {}) {
  const { keys } = await data();
  return keys.createApiKey({ userId, name: options.name ?? "e2e", expiresAt: options.expiresAt ?? null });
}

export async function grant(userId: string, amount: number, options: { expiresAt?: Date | null } = {}) {
  const { credits } = await data();
  return credits.grantCredits({
    userId,
    amount,
    source: "operator",
    idempotencyKey: `e2e:${randomUUID()}`,
    expiresAt: options.expiresAt ?? null,
  });
}

/** The balance, the ledger sum and the ledger rows of a user, read from the database. */
export async function creditState(userId: string) {
  const { db } = await data();
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  const rows = await db().creditLedger.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return { balance: user.balance, ledgerSum: rows.reduce((s, r) => s + r.delta, 0), ledger: rows };
}

/** The server's database, for what no fixture above covers. */
export async function database() {
  const { db } = await data();
  return db();
}

/** Playground settings as the page saves them with a conversation. */
export const SAVED_SETTINGS = {
  model: "kimi-k2.6",
  systemPrompt: "",
  temperature: 1,
  topP: 0.95,
  maxTokens: 4096,
  presencePenalty: 0,
  frequencyPenalty: 0,
  topK: 0,
  n: 1,
  stop: [] as string[],
  jsonMode: false,
  seed: null,
  thinking: true,
};

/** The log rows of the user's calls that have ended (a stream's row is written early, in progress). */
export async function requestLogs(userId: string) {
  const { db } = await data();
  return db().requestLog.findMany({
    where: { userId, OR: [{ errorCode: null }, { errorCode: { not: "in_progress" } }] },
    orderBy: { createdAt: "asc" },
  });
}

/** Signs in through the real /login form and waits until the app has redirected to `next`. */
export async function signIn(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === next);
}

export type AccountOptions = Parameters<typeof createAccount>[0];

interface Fixtures {
  /** What `account` is created with: `test.use({ accountOptions: { credits: 10 } })`. */
  accountOptions: AccountOptions;
  /** Where `signedInPage` lands after signing in. */
  signInPath: string;
  /** A fresh user with its credits and one API key. */
  account: Account;
  /** `page`, signed in as `account` through the login form, at `signInPath`. */
  signedInPage: Page;
}

export const test = base.extend<Fixtures>({
  accountOptions: [{}, { option: true }],
  signInPath: ["/playground", { option: true }],
  account: async ({ accountOptions }, use) => {
    await use(await createAccount(accountOptions));
  },
  signedInPage: async ({ page, account, signInPath }, use) => {
    await signIn(page, account, signInPath);
    await use(page);
  },
});
export { expect };

// ---------------------------------------------------------------------------------------------
// Gateway helpers (issue 2's test matrix): key states and the simulator servers' counters.

/** Revokes a key the way the dashboard does. The server forgets a cached key within its TTL. */
export async function revokeKey(userId: string, keyId: string) {
  const { keys } = await data();
  await keys.revokeApiKey({ userId, keyId });
}

/** Moves a key's expiry into the past (keys cannot be created already expired). */
export async function expireKey(keyId: string) {
  const { db } = await data();
  await db().apiKey.update({ where: { id: keyId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
}

export interface SimulatorCounts {
  requests: number;
  aborted: number;
}

/**
 * `GET /stats` of a simulator server. `user` narrows the counts to requests whose OpenAI `user`
 * field had that value (the gateway forwards it), so a test can tell its requests from others'.
 */
export async function simulatorStats(name: "primary" | "secondary", user?: string): Promise<SimulatorCounts> {
  const res = await fetch(`http://127.0.0.1:${E2E_PORTS[name]}/stats`);
  if (!res.ok) throw new Error(`simulator ${name} /stats answered ${res.status}`);
  const stats = (await res.json()) as SimulatorCounts & { byUser: Record<string, SimulatorCounts> };
  if (user === undefined) return { requests: stats.requests, aborted: stats.aborted };
  return stats.byUser[user] ?? { requests: 0, aborted: 0 };
}

/** The official OpenAI client against the gateway: only the base URL changes; no retries. */
export function openaiClient(key: string, options: Partial<ClientOptions> = {}): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: API_BASE, maxRetries: 0, ...options });
}

/** The error a call fails with, which must be one of the SDK's APIError classes. */
export async function apiError(call: Promise<unknown> | (() => Promise<unknown>)): Promise<APIError> {
  const outcome = await (typeof call === "function" ? call() : call).then(
    () => ({ error: undefined }),
    (error: unknown) => ({ error }),
  );
  if (!(outcome.error instanceof APIError)) {
    throw new Error(
      `expected an OpenAI APIError, got ${outcome.error === undefined ? "success" : String(outcome.error)}`,
    );
  }
  return outcome.error;
}
