import type { Abortable } from "@/lib/abort";
import { AppError, type UpstreamAttempt } from "@/lib/errors";
import { failureReason, metrics } from "@/lib/metrics";
import { type ModelInfo, type ModelRoute, type ProviderId, reasons } from "@/lib/providers/catalog";
import type { Provider, UpstreamResponse } from "@/lib/providers/types";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatCompletionRequest } from "@/lib/wire/openai";

// Tries a model's routes in order. Fails over on a connect error, 429, 5xx or a first-byte
// timeout — all before the first byte reaches the client; once a route has answered 2xx it is
// the answer, never retried. A client abort stops everything at once.

export interface RouteResult {
  response: UpstreamResponse;
  route: ModelRoute;
  /** Aborts the chosen upstream request (client disconnect, idle timeout). */
  abort: (reason?: unknown) => void;
  signal: AbortSignal;
  attempts: Array<UpstreamAttempt & { provider: ProviderId }>;
}

interface Failure {
  provider: ProviderId;
  status: number | "timeout" | "network";
  message?: string;
  retryAfter?: number;
}

function upstreamMessage(text: string): string | undefined {
  const body = parseJsonSafe<{ error?: { message?: unknown } | string; message?: unknown }>(text);
  const raw = typeof body?.error === "string" ? body.error : (body?.error?.message ?? body?.message);
  return typeof raw === "string" ? raw.slice(0, 500) : undefined;
}

/** Maps the last failure to what the client sees: the real class of failure, never a 200. */
function failureToError(failure: Failure | undefined, attempts: readonly UpstreamAttempt[]): AppError {
  if (!failure)
    return new AppError("upstream_unavailable", "No upstream is configured for this model.", { attempts });
  if (failure.status === "timeout") return new AppError("upstream_timeout", undefined, { attempts });
  if (failure.status === "network")
    return new AppError("upstream_error", "Could not reach the upstream model provider.", { attempts });
  if (failure.status === 429)
    return new AppError("upstream_rate_limited", undefined, {
      retryAfter: failure.retryAfter ?? 1,
      attempts,
    });
  if (failure.status === 503) return new AppError("upstream_unavailable", undefined, { attempts });
  if (failure.status === 504) return new AppError("upstream_timeout", undefined, { attempts });
  return new AppError("upstream_error", undefined, { attempts });
}

/** A 4xx from upstream that is the client's fault, passed on with the upstream's words. */
function clientError(status: number, message: string | undefined): AppError {
  if (status === 400 && message && /context|too long|token limit|exceeds/i.test(message)) {
    return new AppError("context_length_exceeded", message, { param: "messages" });
  }
  if (status === 400 || status === 422)
    return new AppError("invalid_request", message ?? "The upstream rejected the request.");
  if (status === 404)
    return new AppError("model_not_found", "The upstream does not serve this model right now.");
  if (status === 413) return new AppError("body_too_large");
  // 401/403 mean our upstream credentials are wrong: the operator's problem, not the client's.
  return new AppError("upstream_error");
}

export async function routeChat(input: {
  model: ModelInfo;
  body: ChatCompletionRequest;
  routes: ModelRoute[];
  providers: ReadonlyMap<ProviderId, Provider>;
  /** The client's side: aborts when it goes away. */
  signal: Abortable;
  firstByteTimeoutMs: number;
}): Promise<RouteResult> {
  const attempts: RouteResult["attempts"] = [];
  let last: Failure | undefined;
  for (const route of input.routes) {
    const provider = input.providers.get(route.provider);
    if (!provider) continue;
    if (input.signal.aborted) throw input.signal.reason ?? new Error("aborted");
    if (last) metrics.failovers.labels(last.provider).inc();
    const upstream = new AbortController();
    const stopListening = input.signal.onAbort(() => upstream.abort(input.signal.reason));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.abort(new Error("first byte timeout"));
    }, input.firstByteTimeoutMs);
    try {
      const response = await provider.send(
        { ...input.body, model: route.upstreamModel },
        { signal: upstream.signal, thinking: reasons(input.model, input.body.thinking?.type) },
      );
      clearTimeout(timer);
      if (response.status >= 200 && response.status < 300) {
        attempts.push({ provider: route.provider, status: response.status });
        return {
          response,
          route,
          attempts,
          signal: upstream.signal,
          abort: (reason) => {
            stopListening();
            upstream.abort(reason);
          },
        };
      }
      const text = await response.text();
      attempts.push({ provider: route.provider, status: response.status });
      stopListening();
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.header("retry-after"));
        last = {
          provider: route.provider,
          status: response.status,
          message: upstreamMessage(text),
          retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        };
        metrics.upstreamFailures.labels(route.provider, failureReason(response.status)).inc();
        continue;
      }
      throw clientError(response.status, upstreamMessage(text));
    } catch (error) {
      clearTimeout(timer);
      stopListening();
      if (error instanceof AppError) throw error;
      if (input.signal.aborted) throw input.signal.reason ?? error;
      const status = timedOut ? "timeout" : "network";
      attempts.push({ provider: route.provider, status });
      last = { provider: route.provider, status };
      metrics.upstreamFailures.labels(route.provider, failureReason(status)).inc();
    }
  }
  throw failureToError(last, attempts);
}
