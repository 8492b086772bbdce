import "server-only";
import Redis from "ioredis";
import { env } from "@/lib/env";

// Redis, when REDIS_URL is set: shared rate-limit counters and key-revocation messages between
// app instances. A subscriber needs a connection of its own.

let client: Redis | undefined;
let subscriber: Redis | undefined;

function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}

export function redis(): Redis | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  client ??= connect(url);
  return client;
}

export function redisSubscriber(): Redis | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  subscriber ??= connect(url);
  return subscriber;
}
