// GET /api/health — {"status":"ok"} when the database answers, 503 otherwise.
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "error", error: "database unavailable" }, { status: 503 });
  }
}
