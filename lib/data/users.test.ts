import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Password functions against a real database: the policy on creation, and a password change
// that ends every session of that user and no one else's.

const { targets, cleanup } = dbTargets("users");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;

describe.each(targets)("users on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
  });
  afterAll(() => t.close());

  async function sessionsOf(userId: string, count: number) {
    const expiresAt = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < count; i++) await t.db().authSession.create({ data: { userId, expiresAt } });
  }

  describe("createUser password policy", () => {
    it.each([
      ["12345678", /at least 10 characters/],
      ["k7#mQ2vLp", /at least 10 characters/],
      ["password123", /most common/],
      ["Qwertyuiop", /most common/],
      ["a".repeat(73), /at most 72 bytes/],
    ])("refuses %s and writes nothing", async (password, message) => {
      const email = testEmail("weak");
      await expect(t.users.createUser({ email, password })).rejects.toMatchObject({
        code: "invalid_request",
        param: "password",
        message: expect.stringMatching(message),
      });
      expect(await t.users.findUserByEmail(email)).toBeNull();
    });

    it("accepts a long uncommon password, and a user without one (OAuth)", async () => {
      const withPassword = await t.users.createUser({ email: testEmail(), password: "k7#mQ2vLpx" });
      const oauth = await t.users.createUser({ email: testEmail(), password: null });
      expect(withPassword.id).toBeTruthy();
      expect(oauth.id).toBeTruthy();
    });
  });

  describe("setPassword", () => {
    it("changes the password and ends every session of that user only", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "first-password-1" });
      const other = await t.users.createUser({ email: testEmail(), password: "other-password-1" });
      await sessionsOf(user.id, 3);
      await sessionsOf(other.id, 1);

      expect(await t.users.setPassword({ userId: user.id, password: "second-password-2" })).toEqual({
        sessionsEnded: 3,
      });
      const row = await t.users.findUserByEmail(user.email);
      expect(await t.users.verifyPassword("second-password-2", row?.passwordHash ?? "")).toBe(true);
      expect(await t.users.verifyPassword("first-password-1", row?.passwordHash ?? "")).toBe(false);
      expect(await t.db().authSession.count({ where: { userId: user.id } })).toBe(0);
      expect(await t.db().authSession.count({ where: { userId: other.id } })).toBe(1);
    });

    it("refuses a common password and keeps the old one and the sessions", async () => {
      const user = await t.users.createUser({ email: testEmail(), password: "first-password-1" });
      await sessionsOf(user.id, 2);
      await expect(t.users.setPassword({ userId: user.id, password: "1234567890" })).rejects.toMatchObject({
        code: "invalid_request",
        param: "password",
      });
      const row = await t.users.findUserByEmail(user.email);
      expect(await t.users.verifyPassword("first-password-1", row?.passwordHash ?? "")).toBe(true);
      expect(await t.db().authSession.count({ where: { userId: user.id } })).toBe(2);
    });
  });
});
