// The body and status of GET /api/ready from its checks: ready only when every dependency answers
// and the server is not draining. Each check names its own reason; no detail beyond that leaves.

export type DependencyCheck = "ok" | "unavailable";

export interface ReadinessChecks {
  database: DependencyCheck;
  redis: DependencyCheck | "not configured";
  /** Set once the production server has been told to stop (SIGTERM). */
  draining: boolean;
}

export interface ReadinessReport {
  status: 200 | 503;
  body: {
    status: "ready" | "not ready";
    checks: { database: DependencyCheck; redis: DependencyCheck | "not configured"; server?: "draining" };
  };
}

export function readinessReport({ database, redis, draining }: ReadinessChecks): ReadinessReport {
  const checks = { database, redis, ...(draining ? { server: "draining" as const } : {}) };
  const ready = database === "ok" && redis !== "unavailable" && !draining;
  return { status: ready ? 200 : 503, body: { status: ready ? "ready" : "not ready", checks } };
}

/** `fallback` when `work` has not settled within `ms` (or fails); the timer never outlives it. */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}
