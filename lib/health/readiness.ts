import "server-only";
import { pingDatabase } from "@/lib/db";
import { type ReadinessReport, readinessReport, within } from "@/lib/health/report";
import { redisCheck } from "@/lib/redis";

// GET /api/ready: may this instance take traffic? The database must answer a trivial query and
// Redis (when configured) a PING, each within a short time, and the server must not be draining.

// Generous for a trivial query, yet well inside a load balancer's probe interval.
const CHECK_TIMEOUT_MS = 2_000;

export async function readiness({ draining }: { draining: boolean }): Promise<ReadinessReport> {
  const [database, redis] = await Promise.all([
    within(
      pingDatabase().then(() => "ok" as const),
      CHECK_TIMEOUT_MS,
      "unavailable" as const,
    ),
    redisCheck(CHECK_TIMEOUT_MS),
  ]);
  return readinessReport({ database, redis, draining });
}
