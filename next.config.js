// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
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
  ],
  // Lets parallel test runs build into separate folders (NEXT_DIST_DIR=.next-a …).
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
