import { CONVERSATION_BODY_LIMIT } from "@/lib/playground/conversation";

// How large a request body may be, by route class. The routes hold their bodies to these as they
// read them; the production server's gateway holds every body it passes on to Next.js to its
// route's limit before Next reads a byte (server/body-guard.ts), so that no route — nor
// Auth.js, a server action or a page — can be made to hold more.

/** The UI's JSON routes, forms, Auth.js, server actions and pages. */
export const SESSION_BODY_LIMIT = 64 * 1024;
/** Stripe's events are a few kilobytes; anything this large is not one. */
export const STRIPE_EVENT_LIMIT = 512 * 1024;

/** Route classes by path (query string excluded), first match wins; `api` is MAX_BODY_BYTES. */
const ROUTE_CLASSES: ReadonlyArray<{ path: RegExp; limit: (api: number) => number }> = [
  { path: /^\/api\/webhooks\/stripe$/, limit: () => STRIPE_EVENT_LIMIT },
  // Saved conversations carry whole histories.
  { path: /^\/api\/conversations(?:\/|$)/, limit: () => CONVERSATION_BODY_LIMIT },
  // The playground's chat takes what the API takes, and so do the API paths Next answers (an
  // unknown endpoint's 404, a preflight): a client gets the answer it would get, not a 413.
  { path: /^\/api\/(?:playground\/chat$|v1\/)/, limit: (api) => api },
];

/**
 * The body limit of the route at `path`; anything not in the table gets the UI's limit, so a path
 * spelled another way than the routes' own can only get less room, never more.
 */
export function bodyLimitFor(path: string, apiLimit: number): number {
  for (const route of ROUTE_CLASSES) if (route.path.test(path)) return route.limit(apiLimit);
  return SESSION_BODY_LIMIT;
}
