import { randomUUID } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { e2eEnv, useServerEnvironment } from "./env";

// Fixtures write straight to the server's database through the app's own data layer (the same
// functions the admin CLI uses), so a test can have "a user with exactly 5 credits and a key"
// in a few milliseconds.

useServerEnvironment();

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
export async function createAccount(options: { credits?: number; email?: string; noRateLimit?: boolean; inviteCode?: string } = {}): Promise<Account> {
  const { users, keys } = await data();
  const email = options.email ?? uniqueEmail();
  const password = `pw-${randomUUID()}`;
  const user = await users.createUser({ email, password, signupCredits: options.credits ?? 100, inviteCode: options.inviteCode });
  const key = await keys.createApiKey({ userId: user.id, name: "e2e", rateLimitDisabled: options.noRateLimit ?? false });
  return { id: user.id, email, password, inviteCode: user.inviteCode, key: key.key, keyId: key.id };
}

export async function createKey(userId: string, options: { expiresAt?: Date; name?: string } = {}) {
  const { keys } = await data();
  return keys.createApiKey({ userId, name: options.name ?? "e2e", expiresAt: options.expiresAt ?? null });
}

export async function grant(userId: string, amount: number, options: { expiresAt?: Date | null } = {}) {
  const { credits } = await data();
  return credits.grantCredits({ userId, amount, source: "operator", idempotencyKey: `e2e:${randomUUID()}`, expiresAt: options.expiresAt ?? null });
}

/** The balance, the ledger sum and the ledger rows of a user, read from the database. */
export async function creditState(userId: string) {
  const { db } = await data();
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  const rows = await db().creditLedger.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return { balance: user.balance, ledgerSum: rows.reduce((s, r) => s + r.delta, 0), ledger: rows };
}

export async function requestLogs(userId: string) {
  const { db } = await data();
  return db().requestLog.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

export const test = base;
export { expect };
