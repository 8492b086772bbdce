import { hash, randomBytes } from "node:crypto";

// The API key as a string: its format, how one is made and how it is hashed. Pure, so the key
// cache and the key records can both use it without depending on each other.

export const KEY_PREFIX = "sk-kimi-";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Hex SHA-256; the one-shot `crypto.hash` (Node 20.12+) costs a fraction of a Hash object, per call. */
export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

function randomBase62(length: number): string {
  // 256 % 62 bias is removed by rejecting bytes ≥ 248.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBase62(40)}`;
  return { key, hash: hashApiKey(key), prefix: `${key.slice(0, KEY_PREFIX.length + 4)}…${key.slice(-4)}` };
}

/** True when a string could be one of our keys (cheap check before hashing). */
export function looksLikeApiKey(value: string): boolean {
  return (
    value.startsWith(KEY_PREFIX) &&
    value.length === KEY_PREFIX.length + 40 &&
    /^[0-9A-Za-z]+$/.test(value.slice(KEY_PREFIX.length))
  );
}
