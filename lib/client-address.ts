import net from "node:net";

// Who is the client? Pure functions shared by the gateway (which works it out from the socket and
// X-Forwarded-For) and their tests. A client writes its own X-Forwarded-For, so an entry counts
// only when a proxy we trust wrote it: walking from the socket peer leftwards, each trusted hop
// vouches for the entry just left of it, and the first untrusted address is the client.

/** The bucket every request without a usable address shares: never "no limit". */
export const UNKNOWN_CLIENT = "unknown";

export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; list: net.BlockList; source: string };

/**
 * TRUSTED_PROXIES: empty = none; a whole number N = the N hops nearest us are proxies; else a
 * comma-separated list of IPs and CIDRs (IPv4 or IPv6). Throws with a readable message otherwise.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 64) throw new Error("a hop count must be at most 64");
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const list = new net.BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    const [address = "", prefix, extra] = entry.split("/");
    const family = net.isIP(address);
    if (!family || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      throw new Error(`"${entry}" has an invalid prefix length`);
    }
    list.addSubnet(address, bits, type);
  }
  return { kind: "list", list, source: text };
}

/**
 * One address as written in a socket or a header entry, in canonical form: IPv4-mapped IPv6
 * becomes IPv4; a port or brackets some proxies add are dropped. Anything else is null.
 */
export function normaliseAddress(value: string | undefined | null): string | null {
  let text = value?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const family = net.isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped?.[1]) return mapped[1];
  return text.toLowerCase();
}

function isTrusted(trusted: TrustedProxies, address: string, hop: number): boolean {
  switch (trusted.kind) {
    case "none":
      return false;
    case "hops":
      return hop < trusted.hops;
    case "list":
      return trusted.list.check(address, net.isIP(address) === 4 ? "ipv4" : "ipv6");
  }
}

/**
 * The client's address: the socket peer, unless it is a trusted proxy — then the right-most
 * X-Forwarded-For entry not written by the client itself. An unusable entry where an address is
 * needed gives null (the caller's shared bucket); a chain that runs out while every hop is trusted
 * gives its left-most entry, which a trusted proxy wrote.
 */
export function resolveClientAddress({
  socketAddress,
  forwardedFor,
  trusted,
}: {
  socketAddress: string | undefined | null;
  forwardedFor: string | string[] | undefined | null;
  trusted: TrustedProxies;
}): string | null {
  let current = normaliseAddress(socketAddress);
  if (current === null || trusted.kind === "none") return current;
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = joined.trim() ? joined.split(",") : [];
  for (let hop = 0; isTrusted(trusted, current, hop); hop++) {
    const entry = entries.pop();
    if (entry === undefined) return current;
    current = normaliseAddress(entry);
    if (current === null) return null;
  }
  return current;
}

/** Set by the gateway on every request it hands to Next.js, over any copy the client sent. */
export const CLIENT_ADDRESS_HEADER = "x-kimi-client-address";
/** The gateway's per-start token, so that Next trusts the address header only from the gateway. */
export const GATEWAY_TOKEN_HEADER = "x-kimi-gateway-token";
