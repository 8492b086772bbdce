// ANY /api/v1/* — the public API under Next (`next dev`, and what the production server's gateway
// passes on): served from the one table in lib/api/routes.ts; unknown paths get an OpenAI-shaped
// 404 with CORS headers, not the HTML page.
import { serveFromTable } from "@/lib/api/routes";
import { corsPreflight } from "@/lib/http/api-key";

export const dynamic = "force-dynamic";

export const GET = serveFromTable;
export const POST = serveFromTable;
export const PUT = serveFromTable;
export const PATCH = serveFromTable;
export const DELETE = serveFromTable;
export const OPTIONS = corsPreflight;
