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

export const MESSAGE_STATUSES = ["streaming", "complete", "interrupted", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** How deep branches may nest (a branch's messages holding branches of their own), and how many versions one message keeps. */
export const MAX_BRANCH_DEPTH = 8;
export const MAX_VERSIONS = 20;

/**
 * A message's versions: `others` are the earlier (or later) versions, each with the turns that
 * followed it; the live one (this message and the messages after it) sits at index `active` of
 * the full list `others` with it inserted.
 */
export interface Branches {
  active: number;
  others: MessageInput[][];
}

export interface MessageInput {
  role: "user" | "assistant";
  content: string;
  reasoning: string | null;
  model: string | null;
  stats: ReplyStats | null;
  status: MessageStatus;
  branches: Branches | null;
}

// Built to a fixed depth rather than with z.lazy: a hostile body nested a million levels deep is
// refused at MAX_BRANCH_DEPTH instead of recursing the validator off the stack.
function messageSchemaAt(depth: number): z.ZodType<MessageInput, unknown> {
  const branches =
    depth > 0
      ? z
          .object({
            active: z.number().int().min(0),
            others: z
              .array(
                z
                  .array(messageSchemaAt(depth - 1))
                  .min(1)
                  .max(MAX_MESSAGES),
              )
              .min(1)
              .max(MAX_VERSIONS - 1),
          })
          .refine((b) => b.active <= b.others.length, "The active branch is out of range.")
          .nullable()
          .default(null)
      : z.null().default(null);
  return z.object({
    role: z.enum(["user", "assistant"]),
    content: z.string().max(MAX_MESSAGE_CHARS),
    reasoning: z.string().max(MAX_MESSAGE_CHARS).nullable().default(null),
    model: z.string().max(100).nullable().default(null),
    stats: replyStatsSchema.nullable().default(null),
    status: z.enum(MESSAGE_STATUSES).default("complete"),
    branches,
  }) as z.ZodType<MessageInput, unknown>;
}

export const messageInputSchema = messageSchemaAt(MAX_BRANCH_DEPTH);

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

/** What a save answers: the conversation and its messages' ids in order (a streaming reply is written into its row). */
export interface SavedConversation {
  conversation: ConversationSummary;
  messageIds: string[];
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
