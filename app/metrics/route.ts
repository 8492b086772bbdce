// GET /metrics — this process's Prometheus metrics, to `Authorization: Bearer $METRICS_TOKEN`. Under
// `npm run dev` only: the production server answers /metrics itself, for both its processes
// (server/metrics.ts), and never passes it on to Next.
import { env } from "@/lib/env";
import { metricsAccess, metricsText } from "@/lib/metrics";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get("authorization") ?? undefined, env().METRICS_TOKEN);
  if (access !== 200) return new Response(null, { status: access });
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
