import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";
import { CONVERSATION_BODY_LIMIT } from "@/lib/playground/conversation";

/**
 * withSession's body option caps bodies at 64 KB; a conversation's history can be larger, so these
 * routes read their body here (size cap, JSON, zod) with the same error shape.
 */
export async function parseConversationBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  return parseJsonBody(req, schema, { limit: CONVERSATION_BODY_LIMIT });
}

/** Ids are cuids; anything else cannot exist, and is answered like a missing conversation. */
export function conversationNotFound(): AppError {
  return new AppError("not_found", "Conversation not found.");
}
