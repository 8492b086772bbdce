import { type NextRequest, NextResponse } from "next/server";
import { isHttps, pageCsp } from "@/lib/http/security-headers";
import { safeNextPath } from "@/lib/safe-next-path";

// Every page gets a Content-Security-Policy with a fresh nonce: Next reads it from the request's
// CSP header and puts it on its own scripts (pages render per request: the root layout reads it).
// Page URLs lose NUL characters (lib/http/strip-nul.ts). Signed-in pages send a visitor without a
// session cookie to /login?next=<where they were>; only the cookie's presence is checked here, the
// (app) layout verifies the session itself.

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_PAGES = /^\/(?:playground|keys|my-credits|invite|billing)(?:\/|$)/;

export function proxy(request: NextRequest) {
  // A NUL can only come as %00 in a URL; ids in page URLs reach the database.
  if (request.nextUrl.href.includes("%00")) {
    return NextResponse.redirect(request.nextUrl.href.replaceAll("%00", ""), 308);
  }
  const path = safeNextPath(`${request.nextUrl.pathname}${request.nextUrl.search}`);
  if (SIGNED_IN_PAGES.test(request.nextUrl.pathname)) {
    const hasSession = request.cookies
      .getAll()
      .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
    if (!hasSession) {
      const url = new URL("/login", request.url);
      url.searchParams.set("next", path);
      return NextResponse.redirect(url);
    }
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: isHttps(request.headers.get("x-forwarded-proto")),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  // Lets the layout send an expired session back to the same page after signing in.
  headers.set("x-kimi-path", path);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: API routes, build assets and metadata files get theirs from next.config.ts.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml).*)"],
};
