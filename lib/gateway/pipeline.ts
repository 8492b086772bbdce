import "server-only";
import type { Abortable } from "@/lib/abort";
import { rememberBalance } from "@/lib/data/api-key-cache";
import { expireGrants, reserveCredits } from "@/lib/data/credits";
import { callNote } from "@/lib/data/reservations";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { Settlement } from "@/lib/gateway/settlement";
import type { ReplyCheck } from "@/lib/gateway/structured-output";
import { type ChunkStream, readCompletion, streamChunks } from "@/lib/gateway/upstream-reply";
import { availableRoutes, type ModelInfo, type ProviderId } from "@/lib/providers/catalog";
import { providers } from "@/lib/providers/registry";
import { type RouteResult, routeChat } from "@/lib/providers/router";
import type { ChatCompletion, ChatCompletionRequest } from "@/lib/wire/openai";

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
  endpoint: "openai" | "anthropic" | "responses";
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
  | (Common & { kind: "stream" } & ChunkStream);

export async function startChat(
  ctx: ChatContext,
  model: ModelInfo,
  request: ChatCompletionRequest,
  /** Structured outputs: each choice's content must pass it (the call is charged either way). */
  check?: ReplyCheck,
): Promise<ChatOutcome> {
  const cost = model.creditCost;
  const call = {
    apiKeyId: ctx.apiKeyId,
    source: ctx.source,
    endpoint: ctx.endpoint,
    model: model.id,
    stream: Boolean(request.stream),
  };
  const settlement = new Settlement({ requestId: ctx.requestId, userId: ctx.userId, ...call, cost });
  let nextExpiryAt = ctx.nextExpiryAt;
  if (nextExpiryAt && nextExpiryAt <= new Date()) nextExpiryAt = await expireGrants({ userId: ctx.userId });

  // A stream settles when it ends (upstream-reply.ts); everything else settles here.
  let streaming = false;
  let balance: number | undefined;
  try {
    balance = await reserve(ctx, cost, settlement, nextExpiryAt, callNote(call));
    const routed = await route(ctx, model, request, settlement);
    const upstream = routed.route.provider;
    const e = env();
    const reading = {
      requestId: ctx.requestId,
      model: model.id,
      routed,
      settlement,
      signal: ctx.signal,
      idleTimeoutMs: e.UPSTREAM_IDLE_TIMEOUT_MS,
      check,
    };
    if (!request.stream) {
      const completion = await readCompletion(reading);
      return { kind: "json", completion, balance, upstream, cost };
    }
    streaming = true;
    return { kind: "stream", ...streamChunks(reading), balance, upstream, cost };
  } catch (error) {
    const appError = toAppError(error);
    settlement.end(appError.status, appError.code);
    // The balance goes back with the error (X-Credits-Remaining): after the refund, or after the
    // charge of a reply that failed its check.
    const refunded = await settlement.finish();
    throw appError.withBalance(refunded ?? (settlement.charged ? balance : appError.balance));
  } finally {
    if (!streaming) await settlement.finish();
  }
}

/** Reserves the request's credits; a refusal carries the database's balance, which the key cache learns. */
async function reserve(
  ctx: ChatContext,
  cost: number,
  settlement: Settlement,
  nextExpiryAt: Date | null | undefined,
  note: string,
): Promise<number> {
  try {
    const balance = await reserveCredits({ userId: ctx.userId, cost, requestId: ctx.requestId, note });
    settlement.reserved();
    rememberBalance(ctx.userId, balance, nextExpiryAt);
    return balance;
  } catch (error) {
    const refusedAt = toAppError(error).balance;
    if (refusedAt !== undefined) rememberBalance(ctx.userId, refusedAt);
    throw error;
  }
}

/** Picks the upstream; a client that left while routing is logged as 499 client_closed. */
async function route(
  ctx: ChatContext,
  model: ModelInfo,
  request: ChatCompletionRequest,
  settlement: Settlement,
): Promise<RouteResult> {
  try {
    const routed = await routeChat({
      model,
      body: request,
      routes: availableRoutes(model, new Set(providers().keys())),
      providers: providers(),
      signal: ctx.signal,
      firstByteTimeoutMs: env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    });
    settlement.upstream = routed.route.provider;
    return routed;
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    settlement.end(499, "client_closed");
    throw new AppError("upstream_error", "Client closed the request.");
  }
}
