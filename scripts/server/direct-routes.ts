import { getCreditsWithApiKey } from "@/app/api/user/credits/with-api-key";
import { POST as chatCompletions } from "@/app/api/v1/chat/completions/route";
import { POST as countTokens } from "@/app/api/v1/messages/count_tokens/route";
import { POST as messages } from "@/app/api/v1/messages/route";
import { GET as models } from "@/app/api/v1/models/route";
import type { ApiRoute } from "@/lib/http/api-key";

// The routes the production server's gateway process answers itself: every call that an API key
// authenticates, through the very ApiRoutes app/**/route.ts exports (same wrapper, same pipeline).
// Everything else — pages, the dashboard's and the playground's routes, CORS preflights, unknown
// paths, other methods — is Next's.

interface DirectRoute {
  method: "GET" | "POST";
  route: ApiRoute;
  /** Served here only when the request carries an API key (the session path needs Next). */
  apiKeyOnly?: boolean;
}

const ROUTES = new Map<string, DirectRoute>([
  ["/api/v1/chat/completions", { method: "POST", route: chatCompletions }],
  ["/api/v1/messages", { method: "POST", route: messages }],
  ["/api/v1/messages/count_tokens", { method: "POST", route: countTokens }],
  // What Anthropic SDKs reach with base URL <origin>/api/v1 (see app/api/v1/v1/).
  ["/api/v1/v1/messages", { method: "POST", route: messages }],
  ["/api/v1/v1/messages/count_tokens", { method: "POST", route: countTokens }],
  ["/api/v1/models", { method: "GET", route: models }],
  ["/api/user/credits", { method: "GET", route: getCreditsWithApiKey, apiKeyOnly: true }],
]);

export function directRoute(req: {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}): ApiRoute | undefined {
  if (!req.url) return undefined;
  const q = req.url.indexOf("?");
  const entry = ROUTES.get(q === -1 ? req.url : req.url.slice(0, q));
  if (!entry || entry.method !== req.method) return undefined;
  if (entry.apiKeyOnly && !req.headers.authorization && !req.headers["x-api-key"]) return undefined;
  return entry.route;
}
