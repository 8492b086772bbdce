import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeNextPath } from "@/lib/safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/keys", "/keys"],
    ["/playground?model=kimi-k2#x", "/playground?model=kimi-k2#x"],
    ["/invite/", "/invite/"],
    ["/billing/receipts/cmabc123?print=1", "/billing/receipts/cmabc123?print=1"],
    // Normalised, and still on this site.
    ["/keys/../playground", "/playground"],
    ["/./keys", "/keys"],
    ["/keys/%2e%2e/invite", "/invite"],
    ["/keys//evil.example", "/keys//evil.example"],
    ["/playground?next=//evil.example", "/playground?next=//evil.example"],
    ["/playground?q=%2F%2Fevil", "/playground?q=%2F%2Fevil"],
  ])("keeps the local path %s as %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    ["https://evil.example/", "absolute URL"],
    ["HTTPS://evil.example/", "absolute URL, upper case"],
    ["//evil.example/keys", "protocol-relative"],
    ["///evil.example/keys", "three slashes"],
    ["/.//evil.example/x", "dot segment before //"],
    ["/..//evil.example/x", "dot-dot segment before //"],
    ["/keys/..//evil.example", "dot-dot segment after a path"],
    ["/%2e//evil.example/x", "encoded dot"],
    ["/%2E%2E//evil.example/x", "encoded dot-dot, upper case"],
    ["/.%2e//evil.example", "half-encoded dot-dot"],
    ["/%2F%2Fevil.example", "encoded slashes"],
    ["/%2f/evil.example", "encoded slash, lower case"],
    ["/%252F%252Fevil.example", "double-encoded slashes"],
    ["/%5Cevil.example", "encoded backslash"],
    ["/%5C%5Cevil.example", "encoded backslashes"],
    ["/\\evil.example", "backslash"],
    ["\\\\evil.example", "two backslashes"],
    ["/\\/evil.example", "slash backslash slash"],
    ["/keys\\..\\..\\/evil.example", "backslash dot segments"],
    ["/\t/evil.example", "tab (browsers strip it)"],
    ["/\n/evil.example", "newline (browsers strip it)"],
    ["/\r\n/evil.example", "CRLF (header injection)"],
    ["/ke\nys", "control character"],
    ["/\x00/evil.example", "NUL"],
    ["/\x7f/evil.example", "DEL"],
    [" //evil.example", "leading space (browsers strip it)"],
    ["/ /evil.example", "space"],
    ["/%09/evil.example", "encoded tab"],
    ["/%0a/evil.example", "encoded newline"],
    ["/\u3000/evil.example", "ideographic space"],
    ["/\uff0fevil.example", "fullwidth solidus"],
    ["/\u2215evil.example", "division slash"],
    ["/\u200b/evil.example", "zero-width space"],
    ["/k\u00e9ys", "non-ASCII"],
    ["javascript:alert(1)", "javascript: scheme"],
    ["/javascript:alert(1)//%0a", "encoded newline in a path"],
    ["data:text/html,<script>alert(1)</script>", "data: scheme"],
    ["keys", "relative"],
    ["?next=/keys", "query only"],
    ["#keys", "fragment only"],
    ["", "empty"],
    [`/${"a".repeat(2048)}`, "very long"],
  ])("rejects %j (%s)", (input) => {
    expect(safeNextPath(input)).toBe("/playground");
  });

  it("rejects non-strings and uses the given fallback", () => {
    expect(safeNextPath(undefined, "/")).toBe("/");
    expect(safeNextPath(null, "/")).toBe("/");
    expect(safeNextPath(["/keys"], "/")).toBe("/");
    expect(safeNextPath({ toString: () => "/keys" }, "/")).toBe("/");
  });

  it("returns only paths that a browser resolves to this site", () => {
    for (const input of ["/.//a", "/..//a", "/%2e//a", "/%2F%2Fa", "/\\a", "/a/../..//b", "//a"]) {
      const out = safeNextPath(input);
      expect(new URL(out, "https://kimi.example/login").origin).toBe("https://kimi.example");
    }
  });
});

describe("safeCallbackUrl", () => {
  const base = "https://kimi.example";
  it.each([
    ["/keys", "https://kimi.example/keys"],
    ["https://kimi.example/my-credits", "https://kimi.example/my-credits"],
    ["https://kimi.example/login?error=x", "https://kimi.example/login?error=x"],
    ["https://kimi.example/.//evil.example/x", "https://kimi.example/playground"],
    ["/..//evil.example", "https://kimi.example/playground"],
    ["https://evil.example/keys", "https://kimi.example/playground"],
    ["https://kimi.example.evil.example/keys", "https://kimi.example/playground"],
    ["https://kimi.example@evil.example/keys", "https://kimi.example/playground"],
    ["http://kimi.example/keys", "https://kimi.example/playground"],
    ["//evil.example", "https://kimi.example/playground"],
    ["javascript:alert(1)", "https://kimi.example/playground"],
    ["not a url", "https://kimi.example/playground"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input, base)).toBe(expected);
  });
});
