import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "@/lib/json-depth";
import { parseJsonSafe } from "@/lib/wire/json";

describe("parseJsonSafe", () => {
  it("parses valid JSON and returns undefined otherwise", () => {
    expect(parseJsonSafe<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonSafe("[DONE]")).toBeUndefined();
    expect(parseJsonSafe("")).toBeUndefined();
    expect(parseJsonSafe("{")).toBeUndefined();
  });

  it("reports JSON nested deeper than MAX_JSON_DEPTH as undefined, and parses it at the limit", () => {
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(parseJsonSafe(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(parseJsonSafe(nested(MAX_JSON_DEPTH + 1))).toBeUndefined();
    expect(parseJsonSafe(nested(100_000))).toBeUndefined();
  });
});
