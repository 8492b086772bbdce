import type { IncomingMessage } from "node:http";
import {
  CLIENT_ADDRESS_HEADER,
  GATEWAY_TOKEN_HEADER,
  resolveClientAddress,
  UNKNOWN_CLIENT,
} from "@/lib/client-address";
import { env } from "@/lib/env";

/**
 * Headers the gateway sets on every request it hands to Next.js: the client's address (from the
 * socket, or X-Forwarded-For as far as TRUSTED_PROXIES vouch for it) and the per-start token that
 * lets Next believe it. They replace whatever the client sent, X-Forwarded-For included, so no
 * chain the client wrote reaches Next.
 */
export function clientHeaders(req: IncomingMessage, gatewayToken: string): Record<string, string> {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  delete req.headers[GATEWAY_TOKEN_HEADER];
  const address =
    resolveClientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers["x-forwarded-for"],
      trusted: env().TRUSTED_PROXIES,
    }) ?? UNKNOWN_CLIENT;
  return {
    "x-forwarded-for": address,
    [CLIENT_ADDRESS_HEADER]: address,
    [GATEWAY_TOKEN_HEADER]: gatewayToken,
  };
}
