import type { NextConfig } from "next";
import {
  API_SECURITY_HEADERS,
  HSTS,
  HTTPS_FORWARDED_PROTO,
  PAGE_SECURITY_HEADERS,
} from "./lib/http/security-headers";

const list = (headers: Readonly<Record<string, string>>) =>
  Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Type-checking is its own step of `npm test` (tsc --noEmit over the whole repo, tests and
  // scripts included), so the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages that must not be bundled (native drivers, wasm, pino's workers).
  serverExternalPackages: [
    "libsql",
    "@libsql/client",
    "@prisma/adapter-libsql",
    "pg",
    "@prisma/adapter-pg",
    "pino",
    "ioredis",
    "prom-client",
  ],
  // Lets parallel test runs build into separate folders (NEXT_DIST_DIR=.next-a …).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Security headers on everything Next serves (lib/http/security-headers.ts); a page's CSP, which
  // carries a per-request nonce, comes from proxy.ts. A route's own header wins over these.
  async headers() {
    return [
      { source: "/:path*", headers: list(PAGE_SECURITY_HEADERS) },
      { source: "/api/:path*", headers: list(API_SECURITY_HEADERS) },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: HTTPS_FORWARDED_PROTO }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
};

export default nextConfig;
