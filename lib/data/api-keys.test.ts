import { describe, expect, it, vi } from "vitest";

// "server-only" refuses imports outside a React Server build; these are plain Node tests.
vi.mock("server-only", () => ({}));

import { AppError } from "@/lib/errors";
import { apiKeyStatus, createApiKey } from "./api-keys";

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
