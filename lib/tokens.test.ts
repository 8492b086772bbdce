import { describe, expect, it } from "vitest";
import { estimateTokens, tokensForChars } from "@/lib/tokens";

describe("estimateTokens", () => {
  it("counts about four characters per token, rounded up", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abc")).toBe(1);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(tokensForChars(78)).toBe(20);
  });
});
