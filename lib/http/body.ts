import type { z } from "zod";
import { AppError, zodToAppError } from "@/lib/errors";

// Reads a JSON request body under a byte limit — also for chunked bodies with no Content-Length,
// which are counted as they arrive and cut off at the limit. Any Content-Type is read as JSON
// (curl's default form type included), as OpenAI's own API does.

export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError("body_too_large", `The request body exceeds ${limit} bytes.`);
  }
  if (!req.body) throw new AppError("invalid_json", "The request body is empty.");
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("body_too_large", `The request body exceeds ${limit} bytes.`);
    }
    parts.push(value);
  }
  const text = Buffer.concat(parts).toString("utf8");
  if (!text.trim()) throw new AppError("invalid_json", "The request body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_json");
  }
}

/** readJsonBody, then the schema: the parsed value, or a 400 naming the first bad field. */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  options: { limit: number; prefixParam?: boolean },
): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(req, options.limit));
  if (!parsed.success) throw zodToAppError(parsed.error, { prefixParam: options.prefixParam });
  return parsed.data;
}
