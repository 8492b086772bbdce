import { getCreditsWithApiKey } from "@/app/api/user/credits/with-api-key";
import * as chatCompletions from "@/app/api/v1/chat/completions/route";
import * as countTokens from "@/app/api/v1/messages/count_tokens/route";
import * as messages from "@/app/api/v1/messages/route";
import * as models from "@/app/api/v1/models/route";
import { corsPreflight } from "@/lib/http/api-key";
import type { WebHandler } from "@/lib/http/node-adapter";

// The routes the production server's gateway process answers itself: every request that an API
// key authenticates. They are the handlers app/**/route.ts exports, unchanged. Everything else
// (pages, the dashboard's and the playground's routes, unknown paths, other methods) is Next's.

type RouteModule = Partial<Record<"GET" | "POST" | "OPTIONS", WebHandler>>;

interface DirectRoute {
  module: RouteModule;
  /** Served here only when the request carries an API key (the session path needs Next). */
  apiKeyOnly?: boolean;
}

const ROUTES = new Map<string, DirectRoute>([
  ["/api/v1/chat/completions", { module: chatCompletions }],
  ["/api/v1/messages", { module: messages }],
  ["/api/v1/messages/count_tokens", { module: countTokens }],
  // What Anthropic SDKs reach with base URL <origin>/api/v1 (see app/api/v1/v1/).
  ["/api/v1/v1/messages", { module: messages }],
  ["/api/v1/v1/messages/count_tokens", { module: countTokens }],
  ["/api/v1/models", { module: models }],
  ["/api/user/credits", { module: { GET: getCreditsWithApiKey, OPTIONS: corsPreflight }, apiKeyOnly: true }],
]);

export function directHandler(req: {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}): WebHandler | undefined {
  if (!req.url || !req.method) return undefined;
  const q = req.url.indexOf("?");
  const route = ROUTES.get(q === -1 ? req.url : req.url.slice(0, q));
  if (!route) return undefined;
  if (route.apiKeyOnly && !req.headers.authorization && !req.headers["x-api-key"]) return undefined;
  return route.module[req.method as keyof RouteModule];
}
