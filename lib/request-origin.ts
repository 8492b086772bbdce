import "server-only";
import { env } from "@/lib/env";

/**
 * This deployment's public origin, for links and code examples: PUBLIC_URL when set, else what
 * the request says (x-forwarded-* from a proxy, then Host).
 */
export function requestOrigin(headers: Headers): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host =
    headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "localhost:3000";
  const proto =
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ||
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
