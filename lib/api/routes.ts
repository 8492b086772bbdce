import "server-only";
import { AppError, clipForEcho, errorResponse } from "@/lib/errors";
import { type ApiRoute, CORS_HEADERS } from "@/lib/http/api-key";
import { chatCompletions, chatCompletionsGet } from "./chat-completions";
import { countTokens } from "./count-tokens";
import { creditsWithApiKey } from "./credits";
import { messages } from "./messages";
import { listModels } from "./models";
import { deleteStoredResponse, getResponse, listInputItems, responses } from "./responses";

// The public API, listed once. The production server's gateway process answers these itself
// (server/main.ts, through the Node adapter); under Next, app/api/v1/[...path]/route.ts answers
// them from this same table. Everything else — pages, the dashboard's and the playground's
// routes, CORS preflights, unknown paths, other methods — is Next's.

export interface ApiEndpoint {
  method: "GET" | "POST" | "DELETE";
  /** The exact path, or a pattern whose `{name}` segments match one path segment each. */
  path: string;
  route: ApiRoute;
  /** Served from the table only when the request carries an API key (the session path needs Next). */
  apiKeyOnly?: boolean;
  /** What a GET gets on a POST endpoint, when not Next's bare 405. */
  get?: () => Response;
}

export const API_ROUTES: readonly ApiEndpoint[] = [
  { method: "POST", path: "/api/v1/chat/completions", route: chatCompletions, get: chatCompletionsGet },
  { method: "POST", path: "/api/v1/messages", route: messages },
  { method: "POST", path: "/api/v1/messages/count_tokens", route: countTokens },
  // Anthropic SDKs append `/v1/messages` to their base URL, so the documented migration
  // (`base_url=".../api/v1"`) lands here, while `<origin>/api` reaches /api/v1/messages. Both work.
  { method: "POST", path: "/api/v1/v1/messages", route: messages },
  { method: "POST", path: "/api/v1/v1/messages/count_tokens", route: countTokens },
  { method: "GET", path: "/api/v1/models", route: listModels },
  { method: "POST", path: "/api/v1/responses", route: responses },
  { method: "GET", path: "/api/v1/responses/{id}", route: getResponse },
  { method: "DELETE", path: "/api/v1/responses/{id}", route: deleteStoredResponse },
  { method: "GET", path: "/api/v1/responses/{id}/input_items", route: listInputItems },
  { method: "GET", path: "/api/user/credits", route: creditsWithApiKey, apiKeyOnly: true },
];

// Exact paths are one map lookup (the hot path); only a miss tries the few patterns.
const BY_PATH = new Map<string, ApiEndpoint[]>();
const PATTERNS: Array<{ path: string; pattern: RegExp; entries: ApiEndpoint[] }> = [];
for (const entry of API_ROUTES) {
  if (!entry.path.includes("{")) {
    BY_PATH.set(entry.path, [...(BY_PATH.get(entry.path) ?? []), entry]);
    continue;
  }
  const source = `^${entry.path.replace(/\{[a-z_]+\}/g, "[^/]+")}$`;
  const known = PATTERNS.find((p) => p.path === entry.path);
  if (known) known.entries.push(entry);
  else PATTERNS.push({ path: entry.path, pattern: new RegExp(source), entries: [entry] });
}

/** The endpoints (one per method) at a path. */
function endpointsAt(path: string): ApiEndpoint[] | undefined {
  return BY_PATH.get(path) ?? PATTERNS.find((p) => p.pattern.test(path))?.entries;
}

/** The route the gateway process answers itself, if any (path and method exact, query ignored). */
export function directRoute(req: {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}): ApiRoute | undefined {
  if (!req.url) return undefined;
  const q = req.url.indexOf("?");
  const entry = endpointsAt(q === -1 ? req.url : req.url.slice(0, q))?.find((e) => e.method === req.method);
  if (!entry) return undefined;
  if (entry.apiKeyOnly && !req.headers.authorization && !req.headers["x-api-key"]) return undefined;
  return entry.route;
}

/**
 * Next's side of the table, for any method but OPTIONS: the route, a 405 for another method (HEAD
 * counts as GET, as Next has it), and an OpenAI-shaped 404 with CORS headers for unknown paths.
 */
export function serveFromTable(req: Request): Promise<Response> | Response {
  const path = new URL(req.url).pathname;
  const entries = endpointsAt(path)?.filter((e) => !e.apiKeyOnly);
  if (!entries?.length) {
    return errorResponse(
      new AppError("not_found", `Unknown endpoint: ${req.method} ${clipForEcho(path)}. See /docs.`),
      "openai",
      CORS_HEADERS,
    );
  }
  const method = req.method === "HEAD" ? "GET" : req.method;
  const entry = entries.find((e) => e.method === method);
  if (entry) return entry.route(req);
  const get = entries.find((e) => e.get)?.get;
  if (method === "GET" && get) return get();
  return new Response(null, { status: 405 });
}
