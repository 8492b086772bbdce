// GET /api/ready — readiness: 200 {"status":"ready","checks":{...}} when the database and Redis (if
// configured) answer, else 503 with the failing check. The production server's gateway answers
// this path itself (server/main.ts), also to report draining; this route serves `next dev`.
import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const { status, body } = await readiness({ draining: false });
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
