import { isRecord } from "@/lib/is-record";
import { readSse } from "@/lib/wire/sse";

// The playground's stream reader: POSTs a chat body, then turns the OpenAI-format event stream
// into small typed events as each chunk arrives (nothing is buffered beyond one SSE frame).
// Errors come in two kinds: a ChatRequestError before the stream starts (the HTTP status and
// the UI JSON error), and an `error` event inside a stream that already produced output.

export interface StreamUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface StreamMeta {
  /** "simulator" marks a simulated reply. */
  upstream: string | null;
  requestId: string | null;
  creditsRemaining: number | null;
  /** What the request costs if it is charged (it is once the upstream produced output). */
  cost: number | null;
}

export type StreamEvent =
  | { type: "open"; meta: StreamMeta }
  | { type: "delta"; index: number; content: string; reasoning: string }
  | { type: "finish"; index: number; reason: string }
  | { type: "usage"; usage: StreamUsage }
  | { type: "error"; code: string; message: string }
  | { type: "done" }
  | { type: "aborted" };

export class ChatRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from Retry-After (429s). */
    readonly retryAfter: number | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "ChatRequestError";
  }
}

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const str = (value: unknown) => (typeof value === "string" ? value : "");

function readUsage(value: unknown): StreamUsage | null {
  if (!isRecord(value)) return null;
  const prompt = num(value.prompt_tokens);
  const completion = num(value.completion_tokens);
  return prompt === null || completion === null
    ? null
    : { promptTokens: prompt, completionTokens: completion };
}

/**
 * The events in one SSE `data:` payload of an OpenAI chat stream. Unparseable or unknown payloads
 * yield nothing (a stream must survive a keep-alive or a field it does not know).
 */
export function parseChunk(data: string): StreamEvent[] {
  if (data === "[DONE]") return [{ type: "done" }];
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return [];
  }
  if (!isRecord(json)) return [];
  if (isRecord(json.error)) {
    const code = str(json.error.code) || str(json.error.type) || "upstream_error";
    return [{ type: "error", code, message: str(json.error.message) || "The stream failed." }];
  }
  const events: StreamEvent[] = [];
  let usage = readUsage(json.usage);
  const choices = Array.isArray(json.choices) ? json.choices : [];
  for (const choice of choices) {
    if (!isRecord(choice)) continue;
    const index = num(choice.index) ?? 0;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    const content = str(delta.content);
    const reasoning = str(delta.reasoning_content);
    if (content || reasoning) events.push({ type: "delta", index, content, reasoning });
    if (typeof choice.finish_reason === "string")
      events.push({ type: "finish", index, reason: choice.finish_reason });
    // Moonshot reports usage inside the last choice when include_usage is not set.
    usage ??= readUsage(choice.usage);
  }
  if (usage) events.push({ type: "usage", usage });
  return events;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === "AbortError");
}

/** The UI JSON error of a failed response (`{"error":{code,message,param}}`), whatever it holds. */
export async function readErrorResponse(res: Response): Promise<ChatRequestError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const retry = Number(res.headers.get("retry-after"));
  return new ChatRequestError(
    res.status,
    str(error.code) || "http_error",
    str(error.message) || `The request failed (HTTP ${res.status}).`,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    str(error.param) || null,
  );
}

export interface StreamChatOptions {
  url: string;
  body: unknown;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Sends the chat and yields its events. Throws ChatRequestError when no stream starts (HTTP error,
 * network failure); once it has started, ends with exactly one of `done`, `error` or `aborted`.
 */
export async function* streamChat(options: StreamChatOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let res: Response;
  try {
    res = await doFetch(options.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error, options.signal)) {
      yield { type: "aborted" };
      return;
    }
    throw new ChatRequestError(
      0,
      "network_error",
      "Could not reach the server. Check your connection and retry.",
    );
  }
  if (!res.ok) throw await readErrorResponse(res);
  if (!res.body) throw new ChatRequestError(res.status, "empty_response", "The server sent no stream.");

  const header = (name: string) => res.headers.get(name);
  yield {
    type: "open",
    meta: {
      upstream: header("x-upstream"),
      requestId: header("x-request-id"),
      creditsRemaining: num(Number(header("x-credits-remaining") ?? Number.NaN)),
      cost: num(Number(header("x-credits-cost") ?? Number.NaN)),
    },
  };

  try {
    for await (const event of readSse(res.body)) {
      for (const parsed of parseChunk(event.data)) {
        yield parsed;
        if (parsed.type === "done" || parsed.type === "error") return;
      }
    }
  } catch (error) {
    if (isAbort(error, options.signal)) {
      yield { type: "aborted" };
      return;
    }
    yield { type: "error", code: "connection_lost", message: "The connection was lost mid-reply." };
    return;
  }
  // A stream that ends without [DONE] was cut off, unless the user stopped it.
  if (options.signal?.aborted) yield { type: "aborted" };
  else yield { type: "error", code: "connection_lost", message: "The reply ended unexpectedly." };
}
