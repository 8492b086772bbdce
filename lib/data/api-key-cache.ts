import "server-only";
import { LRUCache } from "lru-cache";
import { hashApiKey, looksLikeApiKey } from "@/lib/api-key-token";
import { hotQuery } from "@/lib/db/hot";
import { tellParent } from "@/lib/ipc";
import { logger } from "@/lib/logger";
import { redis, redisSubscriber } from "@/lib/redis";

// API-key lookups are cached by hash for a few seconds, so the hot path does not read the
// database on every request. Revoking through this process forgets the key at once; so does the
// production server's gateway process, whose Next.js child tells it over the IPC channel
// (server/main.ts); other instances learn at once through Redis pub/sub when REDIS_URL is set,
// and within KEY_CACHE_TTL_MS otherwise — also while Redis is unreachable, when a revocation still
// succeeds (the database holds it) and only its fan-out is missed.

export interface UserCreditState {
  /** The balance as last seen; picks the rate-limit tier only (the charge itself is exact, and
   * no response shows this figure: it can be stale when another instance spent). */
  balance: number;
  nextExpiryAt: Date | null;
}

export interface CachedKey {
  id: string;
  userId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number | null;
  rateLimitDisabled: boolean;
  /** Shared by all of the user's cached keys. */
  user: UserCreditState;
}

export const KEY_CACHE_TTL_MS = 5_000;

const cache = new LRUCache<string, CachedKey>({ max: 50_000, ttl: KEY_CACHE_TTL_MS });
const hashById = new Map<string, string>();
const userState = new LRUCache<string, UserCreditState>({ max: 50_000, ttl: KEY_CACHE_TTL_MS });

const REVOKED_CHANNEL = "kimi:api-key-revoked";
let subscribed = false;

function subscribeToRevocations() {
  if (subscribed) return;
  subscribed = true;
  const sub = redisSubscriber();
  if (!sub) return;
  sub.on("message", (channel: string, keyId: string) => {
    if (channel === REVOKED_CHANNEL) dropFromCache(keyId);
  });
  // Waits for a connection if Redis is down at start-up; ioredis re-subscribes after reconnects.
  sub.subscribe(REVOKED_CHANNEL).catch((error: unknown) => {
    logger.warn({ err: error }, "could not subscribe to key revocations; cached keys expire within 5 s");
  });
}

const KEY_LOOKUP = `SELECT k."id", k."userId", k."expiresAt", k."revokedAt", k."rateLimitPerMinute",
    k."rateLimitDisabled", u."balance", u."nextExpiryAt"
  FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId" WHERE k."hash" = ?`;

/** A row as either database returns it: SQLite gives dates as text and booleans as 0/1. */
interface KeyRow {
  id: string;
  userId: string;
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
  rateLimitPerMinute: number | bigint | null;
  rateLimitDisabled: boolean | number;
  balance: number | bigint;
  nextExpiryAt: Date | string | null;
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The cache's key for a raw API key; undefined when it cannot be one of ours. */
function cacheKeyOf(raw: string): string | undefined {
  if (!looksLikeApiKey(raw)) return undefined;
  subscribeToRevocations();
  return hashApiKey(raw);
}

/** The key as cached, with no await (the usual case); undefined when it must be looked up. */
export function cachedApiKey(raw: string): CachedKey | undefined {
  const hash = cacheKeyOf(raw);
  return hash === undefined ? undefined : cache.get(hash);
}

export async function lookupApiKey(raw: string): Promise<CachedKey | null> {
  const hash = cacheKeyOf(raw);
  if (hash === undefined) return null;
  const hit = cache.get(hash);
  if (hit) return hit;
  // Raw SQL on the hot-path connection: the ORM's query compiler would cost more than the lookup.
  const [row] = await hotQuery<KeyRow>(KEY_LOOKUP, [hash]);
  if (!row) return null;
  const entry: CachedKey = {
    id: row.id,
    userId: row.userId,
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    rateLimitPerMinute: row.rateLimitPerMinute === null ? null : Number(row.rateLimitPerMinute),
    rateLimitDisabled: Boolean(row.rateLimitDisabled),
    user: userState.get(row.userId) ?? {
      balance: Number(row.balance),
      nextExpiryAt: toDate(row.nextExpiryAt),
    },
  };
  userState.set(row.userId, entry.user);
  cache.set(hash, entry);
  hashById.set(row.id, hash);
  return entry;
}

/** Remembers a user's balance as just seen (after a charge), for the next tier choice. */
export function rememberBalance(userId: string, balance: number, nextExpiryAt?: Date | null): void {
  const state = userState.get(userId);
  if (state) {
    state.balance = balance;
    if (nextExpiryAt !== undefined) state.nextExpiryAt = nextExpiryAt;
  }
}

/** Drops a key from this process's cache (also on the Next.js child's word, lib/ipc.ts). */
export function dropFromCache(keyId: string): void {
  const hash = hashById.get(keyId);
  if (hash) cache.delete(hash);
  hashById.delete(keyId);
}

/** Forgets a revoked key here, in the parent process if there is one, and, through Redis, in every other instance. */
export async function forgetApiKey(keyId: string): Promise<void> {
  dropFromCache(keyId);
  // Resolves once the message is on the channel, so the parent has it before this response goes out.
  await tellParent({ type: "kimi:api-key-revoked", keyId });
  try {
    await redis()?.publish(REVOKED_CHANNEL, keyId);
  } catch {
    // Redis is down (lib/redis.ts has logged it): other instances' caches expire the key in
    // KEY_CACHE_TTL_MS, and the revocation itself is already in the database.
  }
}
