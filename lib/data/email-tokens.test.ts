import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Email links against a real database: a token is claimed once even when clicked concurrently, a
// confirmation grants the sign-up credits and the invite reward once, and a reset ends sessions.

const { targets, cleanup } = dbTargets("email-tokens");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let tokens: typeof import("@/lib/data/email-tokens");

describe.each(targets)("email tokens on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
    tokens = await import("@/lib/data/email-tokens");
  });
  afterAll(() => t.close());

  it("a confirmation awaited since sign-up grants the credits and the inviter's reward once", async () => {
    const inviter = await t.users.createUser({ email: testEmail("inviter"), signupCredits: 0 });
    const user = await t.users.createUser({
      email: testEmail("invitee"),
      password: "k7#mQ2vLpx-long",
      inviteCode: inviter.inviteCode,
      awaitVerification: true,
    });
    expect(await t.users.getBalance({ userId: user.id })).toBe(0);
    expect(await t.users.getBalance({ userId: inviter.id })).toBe(0);

    const first = await tokens.issueEmailToken({ userId: user.id, purpose: "verify_email" });
    const second = await tokens.issueEmailToken({ userId: user.id, purpose: "verify_email" });
    const results = await Promise.all([
      tokens.verifyEmailWithToken({ token: first }),
      tokens.verifyEmailWithToken({ token: first }),
      tokens.verifyEmailWithToken({ token: second }),
    ]);
    expect(results.filter((r) => r.status === "verified" && r.granted)).toHaveLength(1);
    expect(results.filter((r) => r.status === "used")).toHaveLength(1);
    expect(await t.users.getBalance({ userId: user.id })).toBe(100);
    expect(await t.users.getBalance({ userId: inviter.id })).toBe(50);
    expect(await tokens.isEmailVerified({ userId: user.id })).toBe(true);
  });

  it("a reset token is refused for verification, and a verification token for a reset", async () => {
    const user = await t.users.createUser({ email: testEmail(), password: "k7#mQ2vLpx-long" });
    const reset = await tokens.issueEmailToken({ userId: user.id, purpose: "password_reset" });
    const verify = await tokens.issueEmailToken({ userId: user.id, purpose: "verify_email" });
    expect(await tokens.verifyEmailWithToken({ token: reset })).toEqual({ status: "unknown" });
    expect(await tokens.resetPasswordWithToken({ token: verify, password: "another-long-one" })).toEqual({
      status: "unknown",
    });
    expect(await tokens.findEmailTokenState({ token: reset, purpose: "password_reset" })).toBe("valid");
  });

  it("a reset ends every session, voids the other reset links, and is refused once spent or expired", async () => {
    const user = await t.users.createUser({ email: testEmail(), password: "k7#mQ2vLpx-long" });
    const expiresAt = new Date(Date.now() + 86_400_000);
    await t.db().authSession.create({ data: { userId: user.id, expiresAt } });
    const now = new Date();
    const used = await tokens.issueEmailToken({ userId: user.id, purpose: "password_reset", now });
    const other = await tokens.issueEmailToken({ userId: user.id, purpose: "password_reset", now });

    expect(
      await tokens.resetPasswordWithToken({ token: used, password: "brand-new-password" }),
    ).toMatchObject({
      status: "claimed",
    });
    expect(await t.db().authSession.count({ where: { userId: user.id } })).toBe(0);
    const row = await t.db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await t.users.verifyPassword("brand-new-password", row.passwordHash ?? "")).toBe(true);
    expect(await tokens.resetPasswordWithToken({ token: used, password: "third-password-x" })).toEqual({
      status: "used",
    });
    expect(await tokens.resetPasswordWithToken({ token: other, password: "third-password-x" })).toEqual({
      status: "used",
    });

    const late = await tokens.issueEmailToken({ userId: user.id, purpose: "password_reset" });
    const afterHalfAnHour = new Date(Date.now() + 30 * 60_000 + 1);
    expect(
      await tokens.resetPasswordWithToken({
        token: late,
        password: "third-password-x",
        now: afterHalfAnHour,
      }),
    ).toEqual({ status: "expired" });
  });
});
