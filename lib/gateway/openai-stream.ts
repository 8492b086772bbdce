import { type AppError, toAppError, toOpenAIBody } from "@/lib/errors";
import type { ChatCompletionChunk, Usage } from "@/lib/wire/openai";
import { encodeSse, SSE_DONE } from "@/lib/wire/sse";

// Encodes a chat's chunks as OpenAI server-sent events, chunk by chunk (never buffered). A
// failure after the first byte becomes a `data: {"error":…}` event — what the OpenAI SDKs raise
// as an APIError — and a client that goes away cancels the upstream.

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export function openAIEventStream(
  chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>,
  options: { includeUsage: boolean; cancel: () => void },
): ReadableStream<Uint8Array> {
  let usage: Usage | undefined;
  let sawUsageChunk = false;
  let last: ChatCompletionChunk | undefined;
  return new ReadableStream<Uint8Array>({
    // Each pull must enqueue something or close: a pull that returns empty-handed stalls the stream.
    async pull(controller) {
      try {
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            // Moonshot reports usage inside the last choice; OpenAI clients expect a final chunk.
            if (options.includeUsage && !sawUsageChunk && usage && last) {
              controller.enqueue(encodeSse({ ...last, choices: [], usage }));
            }
            controller.enqueue(SSE_DONE);
            controller.close();
            return;
          }
          const chunk = next.value;
          last = chunk;
          const chunkUsage = chunk.usage ?? chunk.choices.find((c) => c.usage)?.usage;
          if (chunkUsage) usage = chunkUsage;
          if (chunk.usage && chunk.choices.length === 0) sawUsageChunk = true;
          if (!options.includeUsage && chunk.usage) {
            // The client did not ask for usage: drop a usage-only chunk, strip it elsewhere.
            if (chunk.choices.length === 0) continue;
            controller.enqueue(encodeSse({ ...chunk, usage: undefined }));
            return;
          }
          controller.enqueue(encodeSse(chunk));
          return;
        }
      } catch (error) {
        const appError: AppError = toAppError(error);
        controller.enqueue(encodeSse(toOpenAIBody(appError)));
        controller.close();
      }
    },
    async cancel() {
      options.cancel();
      await chunks.return(undefined);
    },
  });
}
