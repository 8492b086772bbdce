import { z } from "zod";
import type { ActivityFilter } from "@/lib/activity/search";
import { zodToAppError } from "@/lib/errors";

// The activity view's query — filter and page position — as the page, the JSON route and the CSV
// export read it from a URL's search parameters (pure, shared by all three).

export const ACTIVITY_PAGE_SIZE = 50;
export const ACTIVITY_MAX_PAGE_SIZE = 200;

/** A page position: the (createdAt, id) of the row the page starts after, going older or newer. */
export interface ActivityCursor {
  createdAt: Date;
  id: string;
}

export interface ActivityQuery {
  filter: ActivityFilter;
  /** Rows older than this one (the next page). */
  after?: ActivityCursor;
  /** Rows newer than this one (the previous page). */
  before?: ActivityCursor;
  limit: number;
}

/** Opaque in URLs: the row's time in ms and its id, base64url. */
export function encodeCursor(cursor: ActivityCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): ActivityCursor | undefined {
  const text = Buffer.from(value, "base64url").toString("utf8");
  const dot = text.indexOf(".");
  const ms = Number(text.slice(0, dot));
  const id = text.slice(dot + 1);
  if (dot < 1 || !Number.isSafeInteger(ms) || ms < 0 || !/^[\w-]{1,100}$/.test(id)) return undefined;
  return { createdAt: new Date(ms), id };
}

const id = z
  .string()
  .trim()
  .max(100)
  .regex(/^[\w-]*$/);
const cursor = z
  .string()
  .max(300)
  .transform((v, ctx) => {
    const decoded = decodeCursor(v);
    if (decoded) return decoded;
    ctx.addIssue({ code: "custom", message: "Invalid cursor." });
    return z.NEVER;
  });

const querySchema = z.object({
  key: id.optional(),
  model: z.string().trim().max(200).optional(),
  status: z.enum(["ok", "failed", ""]).optional(),
  request: id.optional(),
  after: cursor.optional(),
  before: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(ACTIVITY_MAX_PAGE_SIZE).optional(),
});

export type ActivityQueryInput = Record<string, string | string[] | undefined>;

/** Parses the view's search parameters; empty values mean "any". Throws invalid_request (400). */
export function parseActivityQuery(input: URLSearchParams | ActivityQueryInput): ActivityQuery {
  const raw: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [name, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "" && !(name in raw)) raw[name] = first;
  }
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) throw zodToAppError(parsed.error);
  const q = parsed.data;
  const filter: ActivityFilter = {};
  if (q.key) filter.keyId = q.key;
  if (q.model) filter.model = q.model;
  if (q.status) filter.status = q.status;
  if (q.request) filter.requestId = q.request;
  return {
    filter,
    ...(q.after ? { after: q.after } : q.before ? { before: q.before } : {}),
    limit: q.limit ?? ACTIVITY_PAGE_SIZE,
  };
}
