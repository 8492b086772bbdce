import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// "server-only" refuses imports outside a React Server build; these are plain Node tests.
vi.mock("server-only", () => ({}));

import { AppError } from "@/lib/errors";
import {
  apiKeyStatus,
  createApiKey,
  generateApiKey,
  hashApiKey,
  KEY_PREFIX,
  looksLikeApiKey,
} from "./api-keys";

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

describe("apiKeyStatus", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it.each<[string, { revokedAt: Date | null; expiresAt: Date | null }, string]>([
    ["no dates", { revokedAt: null, expiresAt: null }, "active"],
    ["expiring later", { revokedAt: null, expiresAt: new Date("2026-02-01") }, "active"],
    ["expiring right now", { revokedAt: null, expiresAt: now }, "expired"],
    ["expired", { revokedAt: null, expiresAt: new Date("2025-12-01") }, "expired"],
    [
      "revoked and expired",
      { revokedAt: new Date("2025-11-01"), expiresAt: new Date("2025-12-01") },
      "revoked",
    ],
  ])("%s → %s", (_label, key, status) => {
    expect(apiKeyStatus(key, now)).toBe(status);
  });
});

describe("createApiKey names", () => {
  // Refused before any query: PostgreSQL text cannot hold NUL, and no name needs a control character.
  it.each<[string, string]>([
    ["a NUL", "prod\u0000key"],
    ["a line break", "prod\nkey"],
    ["a tab", "prod\tkey"],
    ["an escape", "prod\u001bkey"],
    ["a DEL", "prod\u007fkey"],
  ])("a name with %s is an invalid_request naming the field", async (_label, name) => {
    const error = await createApiKey({ userId: "unused", name }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_request", param: "name" });
  });
});
