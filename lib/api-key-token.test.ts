import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, KEY_PREFIX, looksLikeApiKey } from "@/lib/api-key-token";

describe("generateApiKey", () => {
  it("makes sk-kimi- plus 40 base62 characters, its SHA-256 and a display prefix that hides the secret", () => {
    const { key, hash, prefix } = generateApiKey();
    expect(key).toMatch(/^sk-kimi-[0-9A-Za-z]{40}$/);
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(prefix).toBe(`${key.slice(0, 12)}…${key.slice(-4)}`);
    // The prefix shows 8 of the 40 random characters: not enough to use or guess the key.
    expect(prefix.replace(KEY_PREFIX, "").replace("…", "").length).toBe(8);
  });

  it("never repeats, and uses the whole alphabet", () => {
    const keys = Array.from({ length: 2_000 }, () => generateApiKey().key);
    expect(new Set(keys).size).toBe(keys.length);
    const seen = new Set(keys.join("").replaceAll(KEY_PREFIX, ""));
    expect(seen.size).toBe(62);
  });
});

describe("hashApiKey", () => {
  it("is the hex SHA-256 of the key, stable", () => {
    expect(hashApiKey("sk-kimi-abc")).toBe(createHash("sha256").update("sk-kimi-abc").digest("hex"));
    expect(hashApiKey("a")).toBe(hashApiKey("a"));
    expect(hashApiKey("a")).not.toBe(hashApiKey("b"));
  });
});

describe("looksLikeApiKey", () => {
  const good = `sk-kimi-${"A1b2".repeat(10)}`;
  it.each<[string, string, boolean]>([
    ["a well-formed key", good, true],
    ["a generated key", generateApiKey().key, true],
    ["a short key", good.slice(0, -1), false],
    ["a long key", `${good}x`, false],
    ["another prefix", good.replace("sk-kimi-", "sk-proj-"), false],
    ["a symbol inside", `${good.slice(0, -1)}-`, false],
    ["whitespace inside", `${good.slice(0, -1)} `, false],
    ["an empty string", "", false],
    ["an OpenAI-style key", "sk-1234567890abcdef", false],
  ])("%s → %s", (_label, value, expected) => {
    expect(looksLikeApiKey(value)).toBe(expected);
  });
});
