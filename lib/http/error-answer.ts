import { type ErrorSurface, errorPayload, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Apart from route.ts so that the gateway process (withApiKey) never loads the session code.

/**
 * An error's answer in `surface`'s shape. Unexpected errors are logged (never sent); the balance a
 * refusal read and its Retry-After go into `headers`.
 */
export function errorAnswer(
  error: unknown,
  surface: ErrorSurface,
  headers: Map<string, string>,
  log: Record<string, unknown>,
): { status: number; body: object } {
  const appError = toAppError(error);
  if (appError.code === "internal_error") logger.error({ err: error, ...log }, "route failed");
  if (appError.balance !== undefined) headers.set("X-Credits-Remaining", String(appError.balance));
  const { status, body, retryAfter } = errorPayload(appError, surface);
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return { status, body };
}
