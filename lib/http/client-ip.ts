import "server-only";
import { timingSafeEqual } from "node:crypto";
import {
  CLIENT_ADDRESS_HEADER,
  GATEWAY_TOKEN_HEADER,
  normaliseAddress,
  UNKNOWN_CLIENT,
} from "@/lib/client-address";
import { env } from "@/lib/env";

function sameToken(sent: string | null, token: string): boolean {
  if (sent === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address inside Next.js, for every per-IP limit. Behind the gateway (`npm start`
 * spawns Next with KIMI_GATEWAY_TOKEN) it is the address the gateway worked out from the socket
 * and TRUSTED_PROXIES, and nothing a client sent. Under bare `next dev`/`next start` Next fills
 * X-Forwarded-For from the socket only when the client sent none, so its right-most entry is the
 * client's word: good enough on a developer's machine, never for a public server.
 */
export function clientIp(headers: Headers): string {
  const token = env().KIMI_GATEWAY_TOKEN;
  if (token) {
    if (!sameToken(headers.get(GATEWAY_TOKEN_HEADER), token)) return UNKNOWN_CLIENT;
    return normaliseAddress(headers.get(CLIENT_ADDRESS_HEADER)) ?? UNKNOWN_CLIENT;
  }
  const entries = headers.get("x-forwarded-for")?.split(",") ?? [];
  return normaliseAddress(entries.at(-1)) ?? UNKNOWN_CLIENT;
}
