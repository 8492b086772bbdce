import { AppError, ERROR_CODES, toAppError } from "@/lib/errors";
import {
  type AnthropicStreamEvent,
  type AnthropicStreamTranslator,
  encodeAnthropicEvent,
} from "@/lib/gateway/anthropic";
import type { ChatCompletionChunk } from "@/lib/wire/openai";

// Encodes a chat's chunks as Anthropic server-sent events, chunk by chunk (never buffered): the
// translator decides the events, this stream only moves them. A failure after the first byte
// becomes an `event: error` (what @anthropic-ai/sdk raises as an APIError) and ends the stream;
// a client that goes away cancels the upstream.

const encoder = new TextEncoder();

function encode(events: AnthropicStreamEvent[]): Uint8Array {
  return encoder.encode(events.map(encodeAnthropicEvent).join(""));
}

export function anthropicEventStream(
  chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>,
  options: {
    translator: AnthropicStreamTranslator;
    cancel: () => void;
    /** Ends the upstream as failed, so the pipeline settles and logs it as the upstream's failure. */
    fail: (error: AppError) => Promise<void>;
  },
): ReadableStream<Uint8Array> {
  const { translator } = options;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // message_start goes out at once, as Anthropic's does: the upstream has already answered.
      if (!started) {
        started = true;
        controller.enqueue(encode(translator.start()));
        return;
      }
      try {
        // A pull must enqueue or close, else the stream stalls: skip chunks that make no event
        // (the role-only first chunk, a usage-only last one).
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            controller.enqueue(encode(translator.finish()));
            controller.close();
            return;
          }
          let events: AnthropicStreamEvent[];
          try {
            events = translator.push(next.value);
          } catch (error) {
            // Chunks the translator cannot express (interleaved tool arguments) end the upstream
            // as failed.
            const failure = new AppError(
              "upstream_error",
              "The upstream sent a tool call that could not be translated.",
              {
                cause: error,
              },
            );
            await options.fail(failure);
            throw failure;
          }
          if (events.length > 0) {
            controller.enqueue(encode(events));
            return;
          }
        }
      } catch (error) {
        const appError = toAppError(error);
        controller.enqueue(
          encode([translator.error(appError.message, ERROR_CODES[appError.code].anthropic)]),
        );
        controller.close();
      }
    },
    async cancel() {
      options.cancel();
      await chunks.return(undefined);
    },
  });
}
