import "server-only";
import { generateApiKey } from "@/lib/api-key-token";
import { forgetApiKey } from "@/lib/data/api-key-cache";
import { db } from "@/lib/db";
import { withDbRetry } from "@/lib/db/retry";
import { AppError } from "@/lib/errors";

// API keys are shown once: we store the SHA-256 and a display prefix, and look keys up by hash.

export const MAX_ACTIVE_KEYS = 50;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export async function createApiKey({
  userId,
  name,
  expiresAt = null,
  rateLimitDisabled = false,
}: {
  userId: string;
  name: string;
  expiresAt?: Date | null;
  rateLimitDisabled?: boolean;
}) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64)
    throw new AppError("invalid_request", "Key name must be 1–64 characters.", { param: "name" });
  // PostgreSQL text cannot hold NUL (the insert would fail as a 500); no name needs any control character.
  if (CONTROL_CHARACTER.test(trimmed))
    throw new AppError("invalid_request", "Key names cannot contain control characters.", { param: "name" });
  if (expiresAt && expiresAt <= new Date())
    throw new AppError("invalid_request", "Expiry must be in the future.", { param: "expiresAt" });
  const { key, hash, prefix } = generateApiKey();
  // Count and insert under the user's row lock (the no-op update takes it), so concurrent
  // creations cannot pass the limit together.
  const record = await withDbRetry(() =>
    db().$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "User" SET "updatedAt" = "updatedAt" WHERE "id" = ${userId}`;
      const active = await tx.apiKey.count({
        where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      });
      if (active >= MAX_ACTIVE_KEYS) {
        throw new AppError(
          "conflict",
          `You already have ${MAX_ACTIVE_KEYS} active keys. Revoke one to create another.`,
        );
      }
      return tx.apiKey.create({
        data: { userId, name: trimmed, hash, prefix, expiresAt, rateLimitDisabled },
        select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
      });
    }),
  );
  return { ...record, key };
}

/** Revokes a key of this user. Another user's key id is "not found", never "forbidden". */
export async function revokeApiKey({ userId, keyId }: { userId: string; keyId: string }) {
  const result = await db().apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const exists = await db().apiKey.findFirst({ where: { id: keyId, userId }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "API key not found.");
  }
  await forgetApiKey(keyId);
}

export const USAGE_WINDOW_DAYS = 30;

export type ApiKeyStatus = "active" | "expired" | "revoked";

export interface ApiKeyListItem {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
  /** Requests logged and credits charged in the last USAGE_WINDOW_DAYS days. */
  usage: { requests: number; credits: number };
}

export function apiKeyStatus(
  key: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/**
 * This user's keys, newest first, with their usage in the last 30 days. With `keyId`, only that
 * key (an empty list when it is not this user's). Never returns the hash.
 */
export async function listApiKeys({
  userId,
  keyId,
}: {
  userId: string;
  keyId?: string;
}): Promise<ApiKeyListItem[]> {
  const since = new Date(Date.now() - USAGE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const where = keyId ? { userId, id: keyId } : { userId };
  const [keys, usage] = await Promise.all([
    db().apiKey.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: 500,
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        expiresAt: true,
        revokedAt: true,
      },
    }),
    db().requestLog.groupBy({
      by: ["apiKeyId"],
      where: {
        userId,
        createdAt: { gte: since },
        ...(keyId ? { apiKeyId: keyId } : { apiKeyId: { not: null } }),
      },
      _count: { _all: true },
      _sum: { credits: true },
    }),
  ]);
  const byKey = new Map(
    usage.map((u) => [u.apiKeyId, { requests: u._count._all, credits: u._sum.credits ?? 0 }]),
  );
  const now = new Date();
  return keys.map((k) => ({
    ...k,
    status: apiKeyStatus(k, now),
    usage: byKey.get(k.id) ?? { requests: 0, credits: 0 },
  }));
}
