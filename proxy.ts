import { type NextRequest, NextResponse } from "next/server";
import { safeNextPath } from "@/lib/safe-next-path";

// Signed-in pages: a visitor without a session cookie goes to /login?next=<where they were>.
// Only the cookie's presence is checked here; the (app) layout verifies the session itself.

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  const path = safeNextPath(`${request.nextUrl.pathname}${request.nextUrl.search}`);
  if (!hasSession) {
    const url = new URL("/login", request.url);
    url.searchParams.set("next", path);
    return NextResponse.redirect(url);
  }
  // Lets the layout send an expired session back to the same page after signing in.
  const headers = new Headers(request.headers);
  headers.set("x-kimi-path", path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/playground/:path*", "/keys/:path*", "/my-credits/:path*", "/invite/:path*", "/billing/:path*"],
};
