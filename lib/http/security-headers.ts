// The security headers of every response, in one place: pages (proxy.ts: a CSP with a fresh nonce),
// everything else Next serves (next.config.ts), the public API's answers (lib/http/api-key.ts) and
// the gateway process's own answers (server/main.ts). Pure: next.config.ts imports it too.

/** For JSON, event streams and plain-text errors: nothing in them may run, load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": API_CSP,
};

/** Pages and static files; pages add their CSP (pageCsp) in proxy.ts. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers that predate CSP's frame-ancestors.
  "X-Frame-Options": "DENY",
};

// No includeSubDomains: the deployment cannot know whether the operator's other hosts speak HTTPS.
export const HSTS = "max-age=63072000";

/**
 * Whether the request reached us over HTTPS, as the left-most X-Forwarded-Proto entry says (the
 * gateway's proxy appends its own "http" to the client's). A client that fakes it on plain HTTP
 * gains nothing: browsers ignore HSTS received over HTTP.
 */
export function isHttps(forwardedProto: string | null | undefined): boolean {
  if (!forwardedProto) return false;
  const comma = forwardedProto.indexOf(",");
  return (comma === -1 ? forwardedProto : forwardedProto.slice(0, comma)).trim().toLowerCase() === "https";
}

/** The same test as a next.config `has` condition (a regex over the whole header value). */
export const HTTPS_FORWARDED_PROTO = "\\s*[Hh][Tt][Tt][Pp][Ss]\\s*(?:,.*)?";

// A form that signs in with GitHub or Google is answered with a redirect there, and browsers apply
// form-action to a form's redirects; those two origins are where Auth.js sends the user.
const OAUTH_FORM_TARGETS = "https://github.com https://accounts.google.com";

/**
 * A page's CSP. Scripts run only with this response's nonce (Next puts it on its own inline
 * bootstrap and chunk scripts; 'strict-dynamic' trusts the chunks those load). Styles may be inline:
 * React, Radix and shiki set style attributes, and what CSS could load is held to this origin by
 * img-src, font-src and default-src. Images only from this origin, data: and blob:, so a reply's
 * Markdown image cannot carry the conversation to another host.
 */
export function pageCsp({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build uses eval for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${OAUTH_FORM_TARGETS}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const GATEWAY_DEFAULTS = Object.entries({ ...PAGE_SECURITY_HEADERS, ...API_SECURITY_HEADERS });

/**
 * Set by the gateway process on what it hands to Next before Next answers: Next's own headers (a
 * page's CSP included) replace these, and the gateway's own answers (502, 504, 413…) keep them.
 */
export function setGatewaySecurityHeaders(
  res: { setHeader(name: string, value: string): unknown },
  forwardedProto: string | string[] | undefined,
): void {
  for (const [name, value] of GATEWAY_DEFAULTS) res.setHeader(name, value);
  const proto = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  if (isHttps(proto)) res.setHeader("Strict-Transport-Security", HSTS);
}
