import "server-only";
import type { Abortable } from "@/lib/abort";
import { AppError } from "@/lib/errors";
import type { Settlement } from "@/lib/gateway/settlement";
import type { ReplyCheck } from "@/lib/gateway/structured-output";
import { logger } from "@/lib/logger";
import type { RouteResult } from "@/lib/providers/router";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletion, ChatCompletionChunk, Usage } from "@/lib/wire/openai";
import { readSse } from "@/lib/wire/sse";

// Reading the chosen upstream's answer, whole (JSON) or chunk by chunk (a stream), into the
// settlement: what it produced, its usage, and how it ended. An idle timer ends either as a 504
// when the upstream sends nothing for too long.

interface Reading {
  requestId: string;
  model: string;
  routed: RouteResult;
  settlement: Settlement;
  /** The client's side. */
  signal: Abortable;
  idleTimeoutMs: number;
  check?: ReplyCheck;
}

function idleTimer(routed: RouteResult, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const idle = {
    timedOut: false,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle.timedOut = true;
        routed.abort(new Error("idle timeout"));
      }, timeoutMs);
    },
    stop: () => clearTimeout(timer),
  };
  return idle;
}

/** The upstream's whole reply; throws (after recording the log status) when it is unreadable. */
export async function readCompletion({
  model,
  routed,
  settlement,
  signal,
  idleTimeoutMs,
  check,
}: Reading): Promise<ChatCompletion> {
  const idle = idleTimer(routed, idleTimeoutMs);
  idle.touch();
  let completion: ChatCompletion | undefined;
  try {
    completion = parseJsonSafe<ChatCompletion>(await routed.response.text());
  } catch {
    completion = undefined;
  } finally {
    idle.stop();
  }
  if (!completion || !Array.isArray(completion.choices)) {
    const error = idle.timedOut
      ? new AppError("upstream_timeout")
      : signal.aborted
        ? new AppError("upstream_error", "Client closed the request.")
        : new AppError("upstream_error", "The upstream returned an unreadable response.");
    settlement.end(signal.aborted ? 499 : error.status, error.code);
    throw error;
  }
  completion.model = model;
  settlement.usage = completion.usage;
  settlement.charge();
  const violation =
    check &&
    firstViolation(
      check,
      completion.choices.map((c) => c.message),
    );
  if (violation) {
    settlement.end(violation.status, violation.code);
    throw violation;
  }
  settlement.end(200, null);
  return completion;
}

/** A reply that calls tools carries no structured content to check. */
function firstViolation(
  check: ReplyCheck,
  replies: Array<{ content?: string | null; tool_calls?: unknown[] } | undefined>,
): AppError | null {
  for (const reply of replies) {
    if (!reply || reply.tool_calls?.length) continue;
    const error = check(reply.content ?? "");
    if (error) return error;
  }
  return null;
}

function hasOutput(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some((c) =>
    Boolean(c.delta.content || c.delta.reasoning_content || c.delta.tool_calls?.length),
  );
}

function usageOf(chunk: ChatCompletionChunk): Usage | undefined {
  return chunk.usage ?? chunk.choices.find((c) => c.usage)?.usage ?? undefined;
}

function gather(replies: Array<{ content: string; tool_calls?: unknown[] }>, chunk: ChatCompletionChunk) {
  for (const choice of chunk.choices) {
    const reply = replies[choice.index] ?? { content: "" };
    replies[choice.index] = reply;
    reply.content += choice.delta.content ?? "";
    if (choice.delta.tool_calls?.length) reply.tool_calls = choice.delta.tool_calls;
  }
}

export interface ChunkStream {
  chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>;
  /** Stops the upstream at once (client went away); settlement still runs. */
  cancel: () => void;
  /** Ends the stream as the upstream's failure (a chunk the surface cannot express). */
  fail: (error: AppError) => Promise<void>;
}

/** The upstream's chunks as they arrive; the settlement finishes when the stream ends, however it ends. */
export function streamChunks(reading: Reading): ChunkStream {
  const { model, routed, settlement, signal, idleTimeoutMs, check } = reading;
  // Each choice's content, gathered only to check it against a schema at the end.
  const replies: Array<{ content: string; tool_calls?: unknown[] }> = [];
  const idle = idleTimer(routed, idleTimeoutMs);
  let started = false;
  let completed = false;
  let clientGone = false;
  let failure: AppError | null = null;

  const finish = () => {
    idle.stop();
    if (!completed) routed.abort(new Error("stream ended early"));
    const closedByClient = !completed && !failure;
    settlement.end(
      completed ? 200 : closedByClient ? 499 : (failure?.status ?? 502),
      completed ? null : closedByClient ? "client_closed" : (failure?.code ?? "upstream_error"),
    );
    return settlement.finish();
  };

  // An unstarted generator's finally never runs: a client that left before the first read is
  // settled from here.
  const finishUnstarted = () => {
    if (started) return;
    finish().catch((error: unknown) =>
      logger.error({ err: error, requestId: reading.requestId }, "settling a cancelled stream failed"),
    );
  };
  signal.onAbort(finishUnstarted);

  const failureOf = (error: unknown): AppError | null =>
    idle.timedOut
      ? new AppError("upstream_timeout", "The upstream stopped sending (idle timeout).")
      : signal.aborted || clientGone
        ? null
        : error instanceof AppError
          ? error
          : new AppError("upstream_error", "The upstream connection was lost mid-stream.");

  async function* chunks(): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    started = true;
    idle.touch();
    try {
      for await (const event of readSse(routed.response.body)) {
        idle.touch();
        if (event.data === "[DONE]") break;
        const chunk = parseJsonSafe<ChatCompletionChunk & { error?: { message?: string } }>(event.data);
        if (!chunk) continue;
        if (chunk.error)
          throw new AppError("upstream_error", chunk.error.message ?? "The upstream stream failed.");
        if (!Array.isArray(chunk.choices)) continue;
        chunk.model = model;
        settlement.usage = usageOf(chunk) ?? settlement.usage;
        if (!settlement.charged && hasOutput(chunk)) settlement.charge();
        if (check) gather(replies, chunk);
        yield chunk;
      }
      // A reply off its schema ends the stream as an error event, not [DONE].
      const violation = check && firstViolation(check, replies);
      if (violation) throw violation;
      completed = true;
    } catch (error) {
      failure = failureOf(error);
      if (failure) throw failure;
    } finally {
      await finish();
    }
  }

  const generator = chunks();
  return {
    chunks: generator,
    cancel: () => {
      clientGone = true;
      routed.abort(new Error("client closed"));
      finishUnstarted();
    },
    fail: async (error) => {
      failure = failureOf(error);
      await generator.return(undefined);
    },
  };
}
