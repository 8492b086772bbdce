import "server-only";
import { writeStreamingReply } from "@/lib/data/conversations";
import { toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { MessageStatus } from "@/lib/playground/conversation";
import { computeReplyStats } from "@/lib/playground/reply-stats";
import type { ChatCompletionChunk } from "@/lib/wire/openai";

// The playground's reply, saved on the server as it streams: a reload or a second tab reads the
// text so far from the database, and a reply whose browser went away keeps what arrived. Writes
// run beside the stream (never awaited by it), at most one in flight and one per SAVE_INTERVAL_MS.

export const SAVE_INTERVAL_MS = 500;

export function recordReply(
  chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>,
  target: {
    userId: string;
    messageId: string;
    cost: number;
    upstream: string;
    /** Whether the browser went away (its request aborted, or the response stream cancelled): "interrupted". */
    gone: () => boolean;
    startedAt: number;
  },
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  let content = "";
  let reasoning = "";
  let firstTokenAt: number | null = null;
  let usage: { promptTokens: number; completionTokens: number } | null = null;
  let finishReason: string | null = null;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  let inFlight = false;
  let stopped = false;

  const write = (status: MessageStatus, extra: { outcome?: string; errorMessage?: string | null } = {}) => {
    if (stopped) return writing;
    inFlight = true;
    lastWrite = performance.now();
    const final = status !== "streaming";
    const snapshot = { content, reasoning: reasoning || null };
    const stats = final
      ? computeReplyStats({
          timing: { startedAt: target.startedAt, firstTokenAt, endedAt: performance.now() },
          usage,
          output: content + reasoning,
          cost: target.cost,
          upstream: target.upstream,
          finishReason,
          outcome: extra.outcome ?? "done",
          errorMessage: extra.errorMessage ?? null,
        })
      : null;
    writing = writing.then(async () => {
      try {
        const kept = await writeStreamingReply({
          userId: target.userId,
          messageId: target.messageId,
          ...snapshot,
          status,
          stats,
        });
        if (!kept && !final) stopped = true;
      } catch (error) {
        logger.warn({ err: error, messageId: target.messageId }, "could not save a playground reply");
      } finally {
        inFlight = false;
      }
    });
    if (final) stopped = true;
    return writing;
  };

  async function* recorded() {
    let status: MessageStatus = "interrupted";
    let outcome = "interrupted";
    let errorMessage: string | null = null;
    try {
      for await (const chunk of chunks) {
        const choice = chunk.choices.find((c) => c.index === 0);
        if (choice) {
          const piece = choice.delta.content ?? "";
          const thought = choice.delta.reasoning_content ?? "";
          if ((piece || thought) && firstTokenAt === null) firstTokenAt = performance.now();
          content += piece;
          reasoning += thought;
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        const u = chunk.usage ?? chunk.choices.find((c) => c.usage)?.usage;
        if (u) usage = { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens };
        if (!inFlight && performance.now() - lastWrite >= SAVE_INTERVAL_MS) void write("streaming");
        yield chunk;
      }
      // An upstream call off because the browser went away may end quietly rather than throw.
      if (!target.gone()) {
        status = "complete";
        outcome = "done";
      }
    } catch (error) {
      if (!target.gone()) {
        const appError = toAppError(error);
        status = "failed";
        outcome = appError.code;
        errorMessage = appError.message;
      }
      throw error;
    } finally {
      // Reached on the end, on an error, and when the browser goes away (the stream's cancel).
      await write(status, { outcome, errorMessage });
    }
  }
  return recorded();
}
