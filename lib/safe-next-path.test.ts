import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/keys", "/keys"],
    ["/playground?model=kimi-k2#x", "/playground?model=kimi-k2#x"],
    ["/invite/", "/invite/"],
  ])("keeps the local path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    ["https://evil.example/", "absolute URL"],
    ["//evil.example/keys", "protocol-relative"],
    ["/\\evil.example", "backslash"],
    ["javascript:alert(1)", "scheme"],
    ["keys", "relative"],
    ["", "empty"],
    ["/ke\nys", "control character"],
  ])("rejects %s (%s)", (input) => {
    expect(safeNextPath(input)).toBe("/playground");
  });

  it("rejects non-strings and uses the given fallback", () => {
    expect(safeNextPath(undefined, "/")).toBe("/");
    expect(safeNextPath(["/keys"], "/")).toBe("/");
  });
});
