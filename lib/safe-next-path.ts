// Where to send someone after signing in (`?next=`, Auth.js's callbackUrl). Decided on the final,
// normalised URL, i.e. what a browser would request, never on the raw text: `/.//evil.example`
// normalises to the protocol-relative `//evil.example`.

const SENTINEL = "http://next-path.invalid";
const MAX_LENGTH = 2048;
// Printable ASCII except the backslash: browsers silently drop tabs and newlines from URLs and
// read `\` as `/`, so neither may survive to the Location header.
const PRINTABLE = /^[\x21-\x5b\x5d-\x7e]+$/;
// The path after normalisation: one leading slash, and no percent-encoding at all, so no encoded
// slash, backslash, dot or percent (double encoding) can be decoded into a second slash later.
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/** A path on this site (path, query and fragment) to redirect to, or the fallback. */
export function safeNextPath(value: unknown, fallback = "/playground"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || !PRINTABLE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SENTINEL);
  } catch {
    return fallback;
  }
  if (url.origin !== SENTINEL || !PLAIN_PATH.test(url.pathname)) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The result read again must be itself: what we return is exactly what the browser will use.
  if (new URL(path, SENTINEL).href !== url.href) return fallback;
  return path;
}

/**
 * Auth.js's redirect callback: an absolute URL on this site whose path passed `safeNextPath`;
 * another origin, or a path that does not pass, gives the site's fallback page.
 */
export function safeCallbackUrl(url: string, baseUrl: string, fallback = "/playground"): string {
  const origin = new URL(baseUrl).origin;
  let path: string = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      path = absolute.origin === origin ? `${absolute.pathname}${absolute.search}${absolute.hash}` : "";
    } catch {
      path = "";
    }
  }
  return `${origin}${safeNextPath(path, fallback)}`;
}
