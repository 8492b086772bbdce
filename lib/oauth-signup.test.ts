import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbTarget, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The sign-up limit on GitHub/Google sign-ins, against real databases: what Auth.js's signIn
// callback asks before it would create an account. (The OAuth round trip itself needs the
// providers' servers, which a test here cannot reach.)

const LIMIT = 2;
const { targets, cleanup } = dbTargets("oauth-signup");
afterAll(cleanup);

describe.each(targets)("oauthSignUpWait on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let oauthSignUpWait: typeof import("@/lib/oauth-signup").oauthSignUpWait;
  let users: typeof import("@/lib/data/users");
  let limits: typeof import("@/lib/ip-limits");

  beforeAll(async () => {
    process.env.SIGNUP_LIMIT_PER_HOUR = String(LIMIT);
    process.env.REDIS_URL = "";
    delete (globalThis as { kimiIpLimits?: unknown }).kimiIpLimits;
    dbMod = await openDbTarget(target, vi.resetModules);
    ({ oauthSignUpWait } = await import("@/lib/oauth-signup"));
    users = await import("@/lib/data/users");
    limits = await import("@/lib/ip-limits");
  });

  afterAll(() => closeDbTarget(dbMod));

  const ip = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 255)).join(".")}`;
  const newcomer = () => ({
    provider: "github",
    providerAccountId: randomUUID(),
    email: `oauth-${randomUUID()}@test.kimi.local`,
  });

  it("counts a new account against the address's sign-up limit, shared with password sign-ups", async () => {
    const address = ip();
    expect(await oauthSignUpWait({ ...newcomer(), ip: address })).toBe(0);
    expect(await limits.consumeSignup(address)).toBe(0);
    const wait = await oauthSignUpWait({ ...newcomer(), ip: address });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(await oauthSignUpWait({ ...newcomer(), ip: ip() })).toBe(0);
  });

  it("does not count a sign-in to a linked account, or to an email that has an account", async () => {
    const address = ip();
    const linked = newcomer();
    const user = await users.createUser({ email: linked.email, signupCredits: 0 });
    await dbMod.db().account.create({
      data: {
        userId: user.id,
        type: "oauth",
        provider: linked.provider,
        providerAccountId: linked.providerAccountId,
      },
    });
    const taken = await users.createUser({
      email: `Taken-${randomUUID()}@test.kimi.local`,
      signupCredits: 0,
    });
    for (let i = 0; i < LIMIT + 2; i++) {
      expect(await oauthSignUpWait({ ...linked, email: null, ip: address })).toBe(0);
      expect(await oauthSignUpWait({ ...newcomer(), email: taken.email.toUpperCase(), ip: address })).toBe(0);
    }
    expect(await oauthSignUpWait({ ...newcomer(), ip: address })).toBe(0);
  });

  it("sends every request without an address to one shared bucket", async () => {
    for (let i = 0; i < LIMIT; i++) await oauthSignUpWait({ ...newcomer(), ip: "unknown" });
    expect(await oauthSignUpWait({ ...newcomer(), ip: "unknown" })).toBeGreaterThan(0);
  });
});
