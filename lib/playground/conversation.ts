import { z } from "zod";
import { playgroundSettingsSchema } from "@/lib/playground/settings";

// The saved-conversation wire format, shared by the REST routes (validation) and the client.
// Messages are the turns only; the system prompt lives in the settings.

export const MAX_TITLE = 120;
export const MAX_MESSAGES = 400;
export const MAX_MESSAGE_CHARS = 200_000;
/** Conversations bodies carry whole histories, so they get more room than other UI routes. */
export const CONVERSATION_BODY_LIMIT = 4 * 1024 * 1024;
/** What one account may keep: so many conversations, and so many bytes of text in all of them. */
export const MAX_CONVERSATIONS_PER_USER = 200;
export const MAX_CONVERSATION_BYTES_PER_USER = 50 * 1024 * 1024;

export const replyStatsSchema = z.object({
  promptTokens: z.number().int().min(0).nullable(),
  completionTokens: z.number().int().min(0).nullable(),
  /** True when the token count is estimated from text (a reply stopped before usage arrived). */
  estimated: z.boolean().default(false),
  ttftMs: z.number().min(0).nullable(),
  tokensPerSecond: z.number().min(0).nullable(),
  credits: z.number().int().min(0),
  upstream: z.string().max(40).nullable(),
  finishReason: z.string().max(40).nullable(),
  /** "stopped" by the user, or an error code when the stream failed mid-way. */
  outcome: z.string().max(60).default("done"),
  errorMessage: z.string().max(500).nullable().default(null),
  /** Other choices when n > 1 (the message content is choice 1). */
  alternatives: z.array(z.string().max(MAX_MESSAGE_CHARS)).max(4).default([]),
});

export type ReplyStats = z.infer<typeof replyStatsSchema>;

export const messageInputSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(MAX_MESSAGE_CHARS),
  reasoning: z.string().max(MAX_MESSAGE_CHARS).nullable().default(null),
  model: z.string().max(100).nullable().default(null),
  stats: replyStatsSchema.nullable().default(null),
});

export type MessageInput = z.infer<typeof messageInputSchema>;

const title = z
  .string()
  .transform((t) => t.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "The title cannot be empty.")
      .max(MAX_TITLE, `The title is at most ${MAX_TITLE} characters.`),
  );

export const createConversationSchema = z.object({
  title: title.optional(),
  settings: playgroundSettingsSchema,
  messages: z.array(messageInputSchema).max(MAX_MESSAGES).default([]),
});

export const updateConversationSchema = z
  .object({ title: title.optional(), settings: playgroundSettingsSchema.optional() })
  .refine((v) => v.title !== undefined || v.settings !== undefined, "Send a title or settings to change.");

export const replaceMessagesSchema = z.object({
  messages: z
    .array(messageInputSchema)
    .max(MAX_MESSAGES, `A conversation holds at most ${MAX_MESSAGES} messages.`),
  settings: playgroundSettingsSchema.optional(),
});

export interface ConversationSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: string;
}

export interface SavedMessage extends MessageInput {
  id: string;
}

export interface ConversationDetail extends ConversationSummary {
  /** Stored as saved; the client reads it leniently (readSettings). */
  settings: unknown;
  messages: SavedMessage[];
}

export const DEFAULT_TITLE = "New chat";

/** A conversation's name from its first user message: one line, at most 60 characters. */
export function titleFromMessage(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (!line) return DEFAULT_TITLE;
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
}
