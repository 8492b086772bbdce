import { describe, expect, it } from "vitest";
import { hasNul, mayHoldNul, stripNul } from "@/lib/http/strip-nul";

const parsed = (json: string) => stripNul(JSON.parse(json));

describe("stripNul", () => {
  it.each<[string, string, unknown]>([
    ["a string", '"a\\u0000b"', "ab"],
    ["only NULs", '"\\u0000\\u0000"', ""],
    [
      "an object's values",
      '{"title":"x\\u0000","n":1,"ok":true,"none":null}',
      { title: "x", n: 1, ok: true, none: null },
    ],
    ["an object's keys", '{"a\\u0000b":"c"}', { ab: "c" }],
    ["array items", '["\\u0000a",["b\\u0000"],{"c":"\\u0000"}]', ["a", ["b"], { c: "" }]],
    [
      "nested conversation fields",
      '{"messages":[{"role":"user","content":"hi\\u0000","stats":{"alternatives":["\\u0000x"]}}],"settings":{"stop":["\\u0000"]}}',
      {
        messages: [{ role: "user", content: "hi", stats: { alternatives: ["x"] } }],
        settings: { stop: [""] },
      },
    ],
    ["no NUL: unchanged", '{"a":"b\\\\u0000"}', { a: "b\\u0000" }],
    ["numbers and null", "[1,null,false]", [1, null, false]],
  ])("%s", (_name, json, expected) => {
    expect(parsed(json)).toEqual(expected);
  });

  it("walks a deeply nested value without recursion", () => {
    const depth = 100_000;
    const json = `${"[".repeat(depth)}"\\u0000x"${"]".repeat(depth)}`;
    let value = stripNul(JSON.parse(json));
    for (let i = 0; i < depth; i++) value = (value as unknown[])[0];
    expect(value).toBe("x");
  });
});

describe("mayHoldNul", () => {
  it.each<[string, string, boolean]>([
    ["an escaped NUL", '{"a":"\\u0000"}', true],
    ["an escaped backslash before u0000 (a harmless extra walk)", '{"a":"\\\\u0000"}', true],
    ["other escapes", '{"a":"\\u0001\\n"}', false],
    ["plain text", '{"a":"u0000"}', false],
  ])("%s → %s", (_name, json, expected) => {
    expect(mayHoldNul(json)).toBe(expected);
    expect(mayHoldNul(Buffer.from(json))).toBe(expected);
  });
});

describe("hasNul", () => {
  it.each<[string, unknown[], boolean]>([
    ["no params", [], false],
    ["plain ids", ["cmx79q5wc0000", "abc"], false],
    ["a NUL in one", ["ok", "a\u0000"], true],
    ["a catch-all's segment", [["v1", "\u0000"]], true],
    ["undefined (an optional catch-all)", [undefined], false],
  ])("%s → %s", (_name, values, expected) => {
    expect(hasNul(values)).toBe(expected);
  });
});
