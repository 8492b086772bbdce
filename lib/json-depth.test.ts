import { describe, expect, it } from "vitest";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "./json-depth";

const arrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** The true depth of a parsed value, for checking the scanner against JSON.parse. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe("exceedsJsonDepth", () => {
  it.each<[string, string, number, boolean]>([
    ["a scalar", "42", 0, false],
    ["a bare string", '"[[[["', 0, false],
    ["an empty array at limit 0", "[]", 0, true],
    ["an empty array", "[]", 1, false],
    ["an empty object", "{}", 1, false],
    ["arrays exactly at the limit", arrays(5), 5, false],
    ["arrays one past the limit", arrays(6), 5, true],
    ["objects exactly at the limit", objects(5), 5, false],
    ["objects one past the limit", objects(6), 5, true],
    ["arrays and objects mixed", '{"a":[{"b":[1]}]}', 4, false],
    ["arrays and objects mixed, one past", '{"a":[{"b":[[1]]}]}', 4, true],
    ["siblings do not add up", "[[1],[2],[3],[4],[5],[6]]", 2, false],
    ["depth returns after a deep sibling", `[${arrays(3)},${arrays(3)}]`, 4, false],
    ["brackets inside a string", '{"a":"[[[[{{{{"}', 1, false],
    ["closing brackets inside a string", '[["]]]]]]"],[[1]]]', 2, true],
    ["an escaped quote inside a string", '{"a":"x\\"[[[["}', 1, false],
    ["an escaped backslash before the closing quote", '{"a":"x\\\\","b":[[1]]}', 3, false],
    ["an escaped backslash, then brackets outside", '{"a":"x\\\\","b":[[1]]}', 2, true],
    ["three backslashes: the quote stays escaped", '["\\\\\\"[[[["]', 1, false],
    ["brackets in a key", '{"[[[[":1}', 1, false],
    ["unicode escapes and text", '{"é":"日本\\u005b\\u007b[","x":["🙂"]}', 2, false],
    ["whitespace between brackets", "[ [\n\t[ 1 ] ] ]", 2, true],
    ["an unterminated string ends the scan", '["[[[[[', 1, false],
  ])("%s", (_label, text, limit, expected) => {
    expect(exceedsJsonDepth(text, limit)).toBe(expected);
  });

  it("agrees with JSON.parse's own depth on varied documents", () => {
    const documents = [
      '{"model":"kimi-k2","messages":[{"role":"user","content":"hi [there] {you}"}]}',
      '{"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"array","items":{"type":"string"}}}}}}]}',
      '[1,[2,[3,[4]]],{"a":{"b":{"c":"\\\\\\"}}}"}}}]',
      '["\\\\", ["\\"]"], [[["x"]]]]',
    ];
    for (const text of documents) {
      const depth = depthOf(JSON.parse(text));
      expect(exceedsJsonDepth(text, depth), text).toBe(false);
      expect(exceedsJsonDepth(text, depth - 1), text).toBe(true);
    }
  });

  it("agrees with JSON.parse on 2,000 random documents full of tricky strings", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = ["[", "]", "{", "}", '"', "\\", "\\\\", "é", "日", "🙂", ":", ",", "x"];
    const text = () =>
      Array.from(
        { length: Math.floor(random() * 6) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join("");
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 12 || roll < 0.3) return roll < 0.15 ? text() : Math.floor(roll * 100);
      if (roll < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [text(), value(depth + 1)]),
      );
    };
    for (let i = 0; i < 2_000; i++) {
      const json = JSON.stringify(value(0), null, i % 2 ? 1 : undefined);
      const depth = depthOf(JSON.parse(json));
      expect(exceedsJsonDepth(json, depth), json).toBe(false);
      if (depth > 0) expect(exceedsJsonDepth(json, depth - 1), json).toBe(true);
    }
  });

  it("uses MAX_JSON_DEPTH by default", () => {
    expect(exceedsJsonDepth(arrays(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(objects(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(arrays(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsJsonDepth(objects(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it("refuses a 10-million-deep bomb, arrays or objects", () => {
    expect(exceedsJsonDepth(arrays(10_000_000))).toBe(true);
    expect(exceedsJsonDepth(objects(1_000_000))).toBe(true);
  });

  it("accepts a huge flat array and a long string full of brackets and escapes", () => {
    const flat = `[${Array.from({ length: 200_000 }, (_, i) => i).join(",")}]`;
    expect(exceedsJsonDepth(flat, 1)).toBe(false);
    const noisy = JSON.stringify({ text: '[{"\\'.repeat(100_000) });
    expect(exceedsJsonDepth(noisy, 1)).toBe(false);
  });

  it("reads long runs of backslashes before quotes", () => {
    const text = JSON.stringify(["\\".repeat(1_000) + '"'.repeat(1_000)].concat(Array(1_000).fill('\\"')));
    expect(exceedsJsonDepth(text, 1)).toBe(false);
    expect(exceedsJsonDepth(`[${text}]`, 1)).toBe(true);
  });
});
