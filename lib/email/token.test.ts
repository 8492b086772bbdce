import { describe, expect, it } from "vitest";
import {
  EMAIL_TOKEN_TTL_MS,
  emailTokenState,
  hashEmailToken,
  isEmailTokenShape,
  newEmailToken,
} from "./token";

describe("email tokens", () => {
  it("are random, link-safe, and stored only as their SHA-256", () => {
    const a = newEmailToken();
    const b = newEmailToken();
    expect(a.token).not.toBe(b.token);
    expect(isEmailTokenShape(a.token)).toBe(true);
    expect(encodeURIComponent(a.token)).toBe(a.token);
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).toBe(hashEmailToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
  });

  it.each([
    ["", false],
    ["short", false],
    [`${"a".repeat(43)}`, true],
    [`${"a".repeat(42)}=`, false],
    [`${"a".repeat(44)}`, false],
    [42, false],
  ])("shape of %j: %s", (token, ok) => {
    expect(isEmailTokenShape(token)).toBe(ok);
  });

  it("a reset link lives 30 minutes, a verification link two days", () => {
    expect(EMAIL_TOKEN_TTL_MS.password_reset).toBe(30 * 60_000);
    expect(EMAIL_TOKEN_TTL_MS.verify_email).toBe(48 * 3_600_000);
  });

  const now = new Date("2026-12-03T12:00:00Z");
  it.each([
    ["unknown", null],
    ["valid", { expiresAt: new Date(now.getTime() + 1), usedAt: null }],
    ["expired", { expiresAt: now, usedAt: null }],
    ["expired", { expiresAt: new Date(now.getTime() - 60_000), usedAt: null }],
    ["used", { expiresAt: new Date(now.getTime() + 60_000), usedAt: now }],
    ["used", { expiresAt: new Date(now.getTime() - 60_000), usedAt: now }],
  ] as const)("state %s", (state, row) => {
    expect(emailTokenState(row, now)).toBe(state);
  });
});
