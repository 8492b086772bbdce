import type { ProviderId } from "@/lib/providers/catalog";
import type { ChatCompletionRequest } from "@/lib/wire/openai";

/**
 * An upstream's answer, as little as the router and the pipeline need: the status, a header, the
 * whole body as text, or the body's bytes as they arrive (for event streams). Real providers
 * hand over undici's own body, with no Web Response built around it; leaving the byte loop early
 * releases the connection.
 */
export interface UpstreamResponse {
  status: number;
  header(name: string): string | undefined;
  text(): Promise<string>;
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
}

/** An upstream that speaks Kimi's OpenAI-style dialect. `body.model` is the upstream's model id. */
export interface Provider {
  id: ProviderId;
  send(
    body: ChatCompletionRequest,
    /** `signal` aborts the call (client gone, timeout). */
    options: { signal: AbortSignal; thinking: boolean },
  ): Promise<UpstreamResponse>;
}

const EMPTY: AsyncIterable<Uint8Array> = { async *[Symbol.asyncIterator]() {} };

/** A Web Response (the in-process simulator, tests) as an UpstreamResponse. */
export function fromWebResponse(res: Response): UpstreamResponse {
  return {
    status: res.status,
    header: (name) => res.headers.get(name) ?? undefined,
    text: () => res.text(),
    body: res.body ?? EMPTY,
  };
}
