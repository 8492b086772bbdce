import { describe, expect, it } from "vitest";
import { maskEmail } from "@/lib/mask-email";

describe("maskEmail", () => {
  it.each([
    ["jane@example.com", "j***@example.com"],
    ["j@example.com", "j***@example.com"],
    ["first.last+tag@mail.co.uk", "f***@mail.co.uk"],
    ["émilie@exemple.fr", "é***@exemple.fr"],
    ["weird@name@example.com", "w***@example.com"],
  ])("masks %s as %s", (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it.each(["", "no-at-sign", "@example.com"])("hides a malformed value %j entirely", (input) => {
    expect(maskEmail(input)).toBe("***");
  });
});
