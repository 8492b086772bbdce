/**
 * The `?next=` target after signing in, only when it is a path on this site; anything else
 * (absolute URLs, protocol-relative `//host`, backslash tricks) gives the fallback.
 */
export function safeNextPath(value: unknown, fallback = "/playground"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  for (const ch of value) {
    if (ch === "\\" || ch.charCodeAt(0) < 0x20) return fallback;
  }
  try {
    const url = new URL(value, "http://x.invalid");
    if (url.host !== "x.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
