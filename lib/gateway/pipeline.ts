import "server-only";
import type { Abortable } from "@/lib/abort";
import { rememberBalance } from "@/lib/data/api-key-cache";
import { expireGrants, refundCredits, reserveCredits } from "@/lib/data/credits";
import { logRequest } from "@/lib/data/request-log";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Usage,
} from "@/lib/gateway/openai-types";
import { parseJsonSafe, readSse } from "@/lib/gateway/sse";
import { logger } from "@/lib/logger";
import { availableRoutes, type ModelInfo, type ProviderId } from "@/lib/providers/catalog";
import { providers } from "@/lib/providers/registry";
import { routeChat } from "@/lib/providers/router";

// One chat request, whatever the surface (OpenAI, Anthropic, playground): reserve credits, route
// upstream, and settle exactly once. Settlement policy (also on /docs):
// - a request that fails before the upstream produced output is refunded in full;
// - a request whose upstream produced any output (text, reasoning or a tool call) is charged
//   once, even if the stream is later cut off or the client disconnects.

export interface ChatContext {
  requestId: string;
  userId: string;
  apiKeyId: string | null;
  source: "api" | "playground";
  endpoint: "openai" | "anthropic";
  /** The client's side: aborts the upstream call when the client goes away. */
  signal: Abortable;
  /** When the user's next grant expires, as last seen; spending waits for the sweep past it. */
  nextExpiryAt?: Date | null;
}

interface Common {
  /** Credits remaining after this request's charge. */
  balance: number;
  upstream: ProviderId;
  cost: number;
}

export type ChatOutcome =
  | (Common & { kind: "json"; completion: ChatCompletion })
  | (Common & {
      kind: "stream";
      chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>;
      /** Stops the upstream at once (client went away); settlement still runs. */
      cancel: () => void;
    });

function hasOutput(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some((c) =>
    Boolean(c.delta.content || c.delta.reasoning_content || c.delta.tool_calls?.length),
  );
}

function usageOf(chunk: ChatCompletionChunk): Usage | undefined {
  return chunk.usage ?? chunk.choices.find((c) => c.usage)?.usage ?? undefined;
}

async function settleFailure(ctx: ChatContext, cost: number): Promise<number | undefined> {
  const balance = await refundCredits({ userId: ctx.userId, cost, requestId: ctx.requestId });
  if (balance !== undefined) rememberBalance(ctx.userId, balance);
  return balance;
}

export async function startChat(
  ctx: ChatContext,
  model: ModelInfo,
  request: ChatCompletionRequest,
): Promise<ChatOutcome> {
  const started = performance.now();
  const e = env();
  const cost = model.creditCost;
  const log = (fields: {
    status: number;
    upstream: string | null;
    usage?: Usage;
    ttfbMs?: number | null;
    credits: number;
    errorCode: string | null;
  }) =>
    logRequest({
      id: ctx.requestId,
      userId: ctx.userId,
      apiKeyId: ctx.apiKeyId,
      source: ctx.source,
      endpoint: ctx.endpoint,
      model: model.id,
      upstream: fields.upstream,
      status: fields.status,
      stream: Boolean(request.stream),
      promptTokens: fields.usage?.prompt_tokens ?? 0,
      completionTokens: fields.usage?.completion_tokens ?? 0,
      latencyMs: Math.round(performance.now() - started),
      ttfbMs: fields.ttfbMs ?? null,
      credits: fields.credits,
      errorCode: fields.errorCode,
    });

  if (ctx.nextExpiryAt && ctx.nextExpiryAt <= new Date()) {
    const next = await expireGrants({ userId: ctx.userId });
    ctx.nextExpiryAt = next;
  }

  let balance: number;
  try {
    balance = await reserveCredits({ userId: ctx.userId, cost, requestId: ctx.requestId });
  } catch (error) {
    const appError = toAppError(error);
    const refusedAt = (error as { balance?: number }).balance;
    if (refusedAt !== undefined) rememberBalance(ctx.userId, refusedAt);
    log({ status: appError.status, upstream: null, credits: 0, errorCode: appError.code });
    throw appError;
  }
  rememberBalance(ctx.userId, balance, ctx.nextExpiryAt);

  const routes = availableRoutes(model, new Set(providers().keys()));
  let routed: Awaited<ReturnType<typeof routeChat>>;
  try {
    routed = await routeChat({
      model,
      body: request,
      routes,
      providers: providers(),
      signal: ctx.signal,
      firstByteTimeoutMs: e.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    });
  } catch (error) {
    const refunded = await settleFailure(ctx, cost);
    const appError = ctx.signal.aborted
      ? new AppError("upstream_error", "Client closed the request.")
      : toAppError(error);
    log({
      status: ctx.signal.aborted ? 499 : appError.status,
      upstream: null,
      credits: 0,
      errorCode: ctx.signal.aborted ? "client_closed" : appError.code,
    });
    throw Object.assign(appError, { balance: refunded });
  }
  const upstream = routed.route.provider;

  // The idle timer: no byte from upstream for this long ends the request as a 504.
  let idleTimedOut = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimedOut = true;
      routed.abort(new Error("idle timeout"));
    }, e.UPSTREAM_IDLE_TIMEOUT_MS);
  };

  if (!request.stream) {
    touch();
    let completion: ChatCompletion | undefined;
    try {
      completion = parseJsonSafe<ChatCompletion>(await routed.response.text());
    } catch {
      completion = undefined;
    } finally {
      clearTimeout(idleTimer);
    }
    if (!completion || !Array.isArray(completion.choices)) {
      const refunded = await settleFailure(ctx, cost);
      const error = idleTimedOut
        ? new AppError("upstream_timeout")
        : ctx.signal.aborted
          ? new AppError("upstream_error", "Client closed the request.")
          : new AppError("upstream_error", "The upstream returned an unreadable response.");
      log({ status: ctx.signal.aborted ? 499 : error.status, upstream, credits: 0, errorCode: error.code });
      throw Object.assign(error, { balance: refunded });
    }
    completion.model = model.id;
    const ttfbMs = Math.round(performance.now() - started);
    log({ status: 200, upstream, usage: completion.usage, ttfbMs, credits: cost, errorCode: null });
    return { kind: "json", completion, balance, upstream, cost };
  }

  const body = routed.response.body;
  const stream = {
    clientGone: false,
    started: false,
    settled: false,
    produced: false,
    completed: false,
    usage: undefined as Usage | undefined,
    ttfbMs: null as number | null,
    failure: null as AppError | null,
  };

  // Runs once, from the generator's finally — or from cancel() when the client left before the
  // generator ever ran (an unstarted generator's finally never runs).
  const settle = async () => {
    if (stream.settled) return;
    stream.settled = true;
    clearTimeout(idleTimer);
    if (!stream.completed) routed.abort(new Error("stream ended early"));
    const charged = stream.produced;
    if (!charged) await settleFailure(ctx, cost);
    const closedByClient = !stream.completed && !stream.failure;
    log({
      status: stream.completed ? 200 : closedByClient ? 499 : (stream.failure?.status ?? 502),
      upstream,
      usage: stream.usage,
      ttfbMs: stream.ttfbMs,
      credits: charged ? cost : 0,
      errorCode: stream.completed
        ? null
        : closedByClient
          ? "client_closed"
          : (stream.failure?.code ?? "upstream_error"),
    });
  };

  const settleUnstarted = () => {
    if (stream.started) return;
    settle().catch((error: unknown) =>
      logger.error({ err: error, requestId: ctx.requestId }, "settling a cancelled stream failed"),
    );
  };
  ctx.signal.onAbort(settleUnstarted);

  async function* chunks(): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    stream.started = true;
    touch();
    try {
      for await (const event of readSse(body)) {
        touch();
        if (event.data === "[DONE]") break;
        const chunk = parseJsonSafe<ChatCompletionChunk & { error?: { message?: string } }>(event.data);
        if (!chunk) continue;
        if (chunk.error)
          throw new AppError("upstream_error", chunk.error.message ?? "The upstream stream failed.");
        if (!Array.isArray(chunk.choices)) continue;
        chunk.model = model.id;
        stream.usage = usageOf(chunk) ?? stream.usage;
        if (!stream.produced && hasOutput(chunk)) {
          stream.produced = true;
          stream.ttfbMs = Math.round(performance.now() - started);
        }
        yield chunk;
      }
      stream.completed = true;
    } catch (error) {
      stream.failure = idleTimedOut
        ? new AppError("upstream_timeout", "The upstream stopped sending (idle timeout).")
        : ctx.signal.aborted || stream.clientGone
          ? null
          : error instanceof AppError
            ? error
            : new AppError("upstream_error", "The upstream connection was lost mid-stream.");
      if (stream.failure) throw stream.failure;
    } finally {
      await settle();
    }
  }

  return {
    kind: "stream",
    chunks: chunks(),
    balance,
    upstream,
    cost,
    cancel: () => {
      stream.clientGone = true;
      routed.abort(new Error("client closed"));
      settleUnstarted();
    },
  };
}
