import "server-only";
import Redis, { type RedisOptions } from "ioredis";
import { env } from "@/lib/env";
import { within } from "@/lib/health/report";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { nextRedisState, type RedisEvent, type RedisState, reconnectDelay } from "@/lib/redis-state";

// Redis, when REDIS_URL is set: shared rate-limit counters and key-revocation messages between
// app instances. Redis being down must not stop the API: commands fail at once instead of queueing
// (the limiters then count in-process; with maxRetriesPerRequest 0 even those in flight when the
// connection drops), the client keeps reconnecting in the background, and the
// process logs one line when Redis goes away and one when it is back. A subscriber needs a
// connection of its own.

const COMMAND_OPTIONS: RedisOptions = {
  connectTimeout: 1_000,
  // A Redis that accepts connections but stops answering costs a request at most this much.
  commandTimeout: 500,
  maxRetriesPerRequest: 0,
  // Queued only until the first connection attempt has an outcome (see watch()), so that a fresh
  // process's first commands reach Redis rather than the in-process fallback.
  enableOfflineQueue: true,
  retryStrategy: reconnectDelay,
};

// The subscriber sends only SUBSCRIBE, which may wait for a connection; ioredis re-subscribes
// after every reconnect.
const SUBSCRIBER_OPTIONS: RedisOptions = {
  connectTimeout: 1_000,
  maxRetriesPerRequest: null,
  retryStrategy: reconnectDelay,
};

let client: Redis | undefined;
let subscriber: Redis | undefined;
let state: RedisState = "connecting";

function watch(connection: Redis): Redis {
  const on = (event: RedisEvent) => (error?: Error) => {
    // From now on a command while Redis is away fails at once (the limiters count in-process).
    connection.options.enableOfflineQueue = false;
    const change = nextRedisState(state, event);
    state = change.state;
    metrics.redisFallback.set(state === "down" ? 1 : 0);
    if (change.announce === "down") {
      logger.warn(
        { redis: "down", reason: error?.message ?? event },
        "Redis unreachable: rate limits count in this process only, other instances drop revoked keys within 5 s; reconnecting in the background",
      );
    } else if (change.announce === "up") {
      logger.warn({ redis: "up" }, "Redis reachable again: rate limits and revocations are shared again");
    }
  };
  // A listener for "error" also keeps ioredis from printing every failed reconnect attempt.
  connection.on("error", on("error"));
  connection.on("close", on("close"));
  connection.on("end", on("end"));
  connection.on("ready", on("ready"));
  return connection;
}

export function redis(): Redis | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  client ??= watch(new Redis(url, COMMAND_OPTIONS));
  return client;
}

export function redisSubscriber(): Redis | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  if (!subscriber) {
    subscriber = new Redis(url, SUBSCRIBER_OPTIONS);
    // The same server as redis(), whose connection already logs its state: errors here say nothing new.
    subscriber.on("error", () => undefined);
  }
  return subscriber;
}

/** "not configured" without REDIS_URL, else whether a PING answers within `timeoutMs`. */
export async function redisCheck(timeoutMs: number): Promise<"ok" | "unavailable" | "not configured"> {
  const connection = redis();
  if (!connection) return "not configured";
  if (connection.status !== "ready") return "unavailable";
  return within(
    connection.ping().then(() => "ok" as const),
    timeoutMs,
    "unavailable" as const,
  );
}
