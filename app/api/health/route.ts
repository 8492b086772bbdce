// GET /api/health — liveness: {"status":"ok"} whenever the process can answer. It checks no
// dependency, so a database or Redis outage never gets a live instance restarted; readiness
// (may it take traffic?) is GET /api/ready.

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
