import "server-only";
import type { z } from "zod";
import { route } from "@/lib/http/route";

// The wrapper for UI-facing JSON routes (lib/http/route.ts): session → same-origin check for writes
// → body (size cap + zod, unknown fields stripped, NUL characters dropped) → handler → JSON; every
// error in the UI's JSON shape.

export function withSession<
  Schema extends z.ZodType | undefined = undefined,
  Params extends Record<string, string> = Record<string, string>,
>(handler: Parameters<typeof route<"session", Schema, Params>>[1], options: { body?: Schema } = {}) {
  return route<"session", Schema, Params>({ auth: "session", body: options.body }, handler);
}
