import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

import { passwordProblem, TOO_COMMON, TOO_LONG, TOO_SHORT } from "./password-policy";

describe("passwordProblem", () => {
  it.each<[string, string, string | null]>([
    ["the most common password", "12345678", TOO_SHORT],
    ["9 characters", "k7#mQ2vLp", TOO_SHORT],
    ["empty", "", TOO_SHORT],
    ["10 characters, uncommon", "k7#mQ2vLpx", null],
    ["common, 11 characters", "password123", TOO_COMMON],
    ["common, other case", "PassWord123", TOO_COMMON],
    ["common digits", "1234567890", TOO_COMMON],
    ["common keyboard walk", "qwertyuiop", TOO_COMMON],
    ["a passphrase", "correct horse battery", null],
    ["72 ASCII bytes", "a".repeat(72), null],
    ["73 ASCII bytes", "a".repeat(73), TOO_LONG],
    ["25 three-byte characters", "密".repeat(25), TOO_LONG],
    ["10 characters of 2 bytes", "é".repeat(10), null],
  ])("%s → %s", (_name, password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });

  it("refuses every listed password long enough to pass the length rule", () => {
    const listed = dictionary["passwords-common"].filter((p) => p.length >= 10 && Buffer.byteLength(p) <= 72);
    expect(listed.length).toBeGreaterThan(1000);
    for (const p of listed) expect(passwordProblem(p)).toBe(TOO_COMMON);
  });
});
