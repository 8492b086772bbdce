import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { toAppError } from "@/lib/errors";
import type { ResponseObject } from "@/lib/gateway/responses/response";
import { encodeResponsesEvent, type ResponsesStreamTranslator } from "@/lib/gateway/responses/stream";
import type { ChatCompletionChunk } from "@/lib/wire/openai";

// Encodes a chat's chunks as Responses API server-sent events, chunk by chunk (never buffered).
// A failure after the first byte becomes `response.failed` (the response's error says why) and
// ends the stream; a client that goes away cancels the upstream.

const encoder = new TextEncoder();

function encode(events: ResponseStreamEvent[]): Uint8Array {
  return encoder.encode(events.map(encodeResponsesEvent).join(""));
}

export function responsesEventStream(
  chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>,
  options: {
    translator: ResponsesStreamTranslator;
    cancel: () => void;
    /** The response ended (completed or incomplete): store it, if asked to. */
    done: (response: ResponseObject) => Promise<void>;
  },
): ReadableStream<Uint8Array> {
  const { translator } = options;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encode(translator.start()));
        return;
      }
      try {
        // A pull must enqueue or close, else the stream stalls: skip chunks that make no event.
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            const events = translator.finish();
            await options.done(translator.response());
            controller.enqueue(encode(events));
            controller.close();
            return;
          }
          const events = translator.push(next.value);
          if (events.length > 0) {
            controller.enqueue(encode(events));
            return;
          }
        }
      } catch (error) {
        const appError = toAppError(error);
        const code = appError.code === "upstream_rate_limited" ? "rate_limit_exceeded" : "server_error";
        controller.enqueue(encode(translator.fail({ code, message: appError.message, type: appError.code })));
        controller.close();
      }
    },
    async cancel() {
      options.cancel();
      await chunks.return(undefined);
    },
  });
}
