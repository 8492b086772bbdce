import type { z } from "zod";
import { AppError, zodToAppError } from "@/lib/errors";
import { mayHoldNul, stripNul } from "@/lib/http/strip-nul";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "@/lib/json-depth";

// Reads a JSON request body under a byte limit — also for chunked bodies with no Content-Length,
// which are counted as they arrive and cut off at the limit. Any Content-Type is read as JSON
// (curl's default form type included), as OpenAI's own API does. The counting is shared by Web
// requests (route handlers under Next) and Node's (the gateway process, server/node-adapter.ts).

export function bodyTooLarge(limit: number): AppError {
  return new AppError("body_too_large", `The request body exceeds ${limit} bytes.`);
}

/** A declared Content-Length over the limit is refused before a byte is read. */
export function checkDeclaredLength(contentLength: string | null | undefined, limit: number): void {
  const declared = Number(contentLength);
  if (contentLength && Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);
}

/**
 * Collects a body's chunks as they arrive; `add` throws 413 once they pass `limit` (the caller then
 * stops reading). One counter for Web requests and Node's.
 */
export function bodyCollector(limit: number) {
  const parts: Uint8Array[] = [];
  let size = 0;
  return {
    add(chunk: Uint8Array) {
      size += chunk.byteLength;
      if (size > limit) throw bodyTooLarge(limit);
      parts.push(chunk);
    },
    bytes(): Buffer {
      return parts.length === 1 ? Buffer.from(parts[0] as Uint8Array) : Buffer.concat(parts);
    },
  };
}

/**
 * The body as JSON: an empty body and invalid JSON are 400s of their own, and so is JSON nested
 * deeper than MAX_JSON_DEPTH (refused before it is parsed).
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (!text.trim()) throw new AppError("invalid_json", "The request body is empty.");
  if (exceedsJsonDepth(text)) {
    throw new AppError(
      "invalid_request",
      `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_json");
  }
}

/** A Web request's body bytes under the limit. */
export async function readRequestBytes(req: Request, limit: number): Promise<Buffer> {
  checkDeclaredLength(req.headers.get("content-length"), limit);
  if (!req.body) throw new AppError("invalid_json", "The request body is empty.");
  const reader = req.body.getReader();
  const body = bodyCollector(limit);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.bytes();
    try {
      body.add(value);
    } catch (error) {
      await reader.cancel();
      throw error;
    }
  }
}

export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  return parseJsonBytes(await readRequestBytes(req, limit));
}

/**
 * A UI route's JSON body, then the schema: the parsed value, or a 400 naming the first bad field.
 * NUL characters are dropped from its strings first (lib/http/strip-nul.ts).
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  options: { limit: number; prefixParam?: boolean },
): Promise<z.output<S>> {
  const bytes = await readRequestBytes(req, options.limit);
  const value = parseJsonBytes(bytes);
  const parsed = schema.safeParse(mayHoldNul(bytes) ? stripNul(value) : value);
  if (!parsed.success) throw zodToAppError(parsed.error, { prefixParam: options.prefixParam });
  return parsed.data;
}
