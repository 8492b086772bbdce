import { describe, expect, it } from "vitest";
import { estimateTokens } from "./text";

describe("estimateTokens", () => {
  it.each([
    ["", 0],
    ["abcd", 1],
    ["abcde", 2],
    ["你好", 2],
    ["hi 你好", 3],
  ])("estimates %j as %i tokens", (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });
});
