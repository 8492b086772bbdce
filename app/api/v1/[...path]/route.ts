// ANY /api/v1/* (no such endpoint) — an OpenAI-shaped 404 with CORS headers, not the HTML page.
import { AppError, clipForEcho, errorResponse } from "@/lib/errors";
import { CORS_HEADERS, corsPreflight } from "@/lib/http/api-key";

export const dynamic = "force-dynamic";

function notFound(req: Request): Response {
  const path = new URL(req.url).pathname;
  return errorResponse(
    new AppError("not_found", `Unknown endpoint: ${req.method} ${clipForEcho(path)}. See /docs.`),
    "openai",
    CORS_HEADERS,
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = corsPreflight;
