import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTargets, openTestDatabase, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// Server-side session rows against a real database: found while live, gone once ended or expired.

const { targets, cleanup } = dbTargets("auth-sessions");
afterAll(cleanup);

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let sessions: typeof import("./auth-sessions");

describe.each(targets)("auth sessions on $name", (target) => {
  beforeAll(async () => {
    t = await openTestDatabase(target, vi.resetModules);
    sessions = await import("./auth-sessions");
  });
  afterAll(() => t.close());

  const DAY_S = 86_400;

  async function newUser() {
    return t.users.createUser({ email: testEmail("session"), password: "session-password-1" });
  }

  describe("auth sessions", () => {
    it("a started session names its user until it is ended", async () => {
      const user = await newUser();
      const { id } = await sessions.startAuthSession({ userId: user.id, maxAgeS: DAY_S });
      expect(await sessions.findAuthSessionUser({ id })).toEqual({
        id: user.id,
        email: user.email,
        role: "user",
      });
      await sessions.endAuthSession({ id });
      expect(await sessions.findAuthSessionUser({ id })).toBeNull();
      // Ending it twice (two tabs signing out) is not an error.
      await sessions.endAuthSession({ id });
    });

    it.each([
      ["an unknown id", "no-such-session"],
      ["an empty id", ""],
    ])("%s names no one", async (_name, id) => {
      expect(await sessions.findAuthSessionUser({ id })).toBeNull();
    });

    it("an expired session names no one, and is cleared when that user next signs in", async () => {
      const user = await newUser();
      const other = await newUser();
      const past = new Date(Date.now() - 1_000);
      const expired = await t.db().authSession.create({ data: { userId: user.id, expiresAt: past } });
      const othersExpired = await t.db().authSession.create({ data: { userId: other.id, expiresAt: past } });
      expect(await sessions.findAuthSessionUser({ id: expired.id })).toBeNull();

      const fresh = await sessions.startAuthSession({ userId: user.id, maxAgeS: DAY_S });
      expect(await t.db().authSession.findUnique({ where: { id: expired.id } })).toBeNull();
      expect(await t.db().authSession.findUnique({ where: { id: othersExpired.id } })).not.toBeNull();
      expect(await sessions.findAuthSessionUser({ id: fresh.id })).toMatchObject({ id: user.id });
    });
  });
});
