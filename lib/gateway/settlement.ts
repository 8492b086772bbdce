import "server-only";
import { recordCall } from "@/lib/access-log";
import { rememberBalance } from "@/lib/data/api-key-cache";
import { refundCredits } from "@/lib/data/credits";
import { IN_PROGRESS, logRequest, type RequestLogEntry } from "@/lib/data/request-log";
import { metrics, type Surface } from "@/lib/metrics";
import type { Usage } from "@/lib/wire/openai";

// How one chat request ends, decided once: charged if the upstream produced any output, refunded
// otherwise (when credits were reserved), and one request-log row either way. finish() is
// idempotent, so every way out of a request may call it and exactly one settlement happens.

/** The request-log fields known when the request starts. */
export interface SettledRequest {
  requestId: string;
  userId: string;
  apiKeyId: string | null;
  source: "api" | "playground";
  endpoint: "openai" | "anthropic" | "responses";
  model: string;
  stream: boolean;
  cost: number;
}

export class Settlement {
  readonly #request: SettledRequest;
  readonly #started = performance.now();
  #reserved = false;
  #charged = false;
  #ended = false;
  #status = 500;
  #errorCode: string | null = "internal_error";
  #finished: Promise<number | undefined> | undefined;
  upstream: string | null = null;
  usage: Usage | undefined;
  ttfbMs: number | null = null;

  constructor(request: SettledRequest) {
    this.#request = request;
  }

  get surface(): Surface {
    return this.#request.source === "playground" ? "playground" : this.#request.endpoint;
  }

  get charged(): boolean {
    return this.#charged;
  }

  /** Credits are reserved: from now on, a request that is not charged is refunded. */
  reserved(): void {
    this.#reserved = true;
    metrics.creditsReserved.inc({ surface: this.surface }, this.#request.cost);
  }

  /**
   * The upstream produced output: the request is charged, however it ends. A stream's log row goes
   * out now, marked in progress, so that a crash before its end still leaves it charged.
   */
  charge(): void {
    if (this.#charged) return;
    this.#charged = true;
    this.ttfbMs = Math.round(performance.now() - this.#started);
    // A whole (JSON) answer is settled straight after; only a stream runs on.
    if (this.#request.stream) logRequest(this.#entry(200, IN_PROGRESS));
  }

  /** How the request ended, for its log row. The first call wins: the phase that failed knows best. */
  end(status: number, errorCode: string | null): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#status = status;
    this.#errorCode = errorCode;
  }

  /** Refunds (if reserved and not charged) and logs, once. Resolves to the balance after a refund. */
  finish(): Promise<number | undefined> {
    this.#finished ??= this.#settle();
    return this.#finished;
  }

  async #settle(): Promise<number | undefined> {
    const r = this.#request;
    let balance: number | undefined;
    if (this.#reserved && !this.#charged) {
      balance = await refundCredits({ userId: r.userId, cost: r.cost, requestId: r.requestId });
      if (balance !== undefined) {
        rememberBalance(r.userId, balance);
        metrics.creditsRefunded.inc({ surface: this.surface }, r.cost);
      }
    }
    const entry = this.#entry(this.#status, this.#errorCode);
    recordCall({
      requestId: r.requestId,
      surface: this.surface,
      keyId: r.apiKeyId,
      userId: r.userId,
      model: r.model,
      upstream: this.upstream,
      status: entry.status,
      errorCode: entry.errorCode,
      durationMs: entry.latencyMs,
      ttfbMs: this.ttfbMs,
      credits: entry.credits,
    });
    logRequest(entry);
    return balance;
  }

  #entry(status: number, errorCode: string | null): RequestLogEntry {
    const r = this.#request;
    return {
      id: r.requestId,
      userId: r.userId,
      apiKeyId: r.apiKeyId,
      source: r.source,
      endpoint: r.endpoint,
      model: r.model,
      upstream: this.upstream,
      status,
      stream: r.stream,
      promptTokens: this.usage?.prompt_tokens ?? 0,
      completionTokens: this.usage?.completion_tokens ?? 0,
      latencyMs: Math.round(performance.now() - this.#started),
      ttfbMs: this.ttfbMs,
      credits: this.#charged ? r.cost : 0,
      errorCode,
    };
  }
}
