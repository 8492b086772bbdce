import { describe, expect, it } from "vitest";
import { clipForEcho, MAX_ECHO_CHARS } from "./errors";

describe("clipForEcho", () => {
  const long = "m".repeat(MAX_ECHO_CHARS);
  it.each<[string, string, string]>([
    ["an empty string", "", ""],
    ["a short id", "gpt-4o", "gpt-4o"],
    ["exactly the limit", long, long],
    ["one past the limit", `${long}x`, `${long}…`],
    ["100 KB", "x".repeat(100_000), `${"x".repeat(MAX_ECHO_CHARS)}…`],
    [
      "a pair that would be cut in half",
      `${"a".repeat(MAX_ECHO_CHARS - 1)}🙂🙂`,
      `${"a".repeat(MAX_ECHO_CHARS - 1)}…`,
    ],
    [
      "a pair that ends at the limit",
      `${"a".repeat(MAX_ECHO_CHARS - 2)}🙂🙂`,
      `${"a".repeat(MAX_ECHO_CHARS - 2)}🙂…`,
    ],
    [
      "control characters kept for JSON to escape",
      `\u0000${"b".repeat(MAX_ECHO_CHARS)}`,
      `\u0000${"b".repeat(MAX_ECHO_CHARS - 1)}…`,
    ],
  ])("%s", (_label, input, expected) => {
    expect(clipForEcho(input)).toBe(expected);
  });
});
