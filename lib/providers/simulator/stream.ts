// Streaming: a reply as SSE frames, sent one per pull and paced by a timer that an abort clears.

import type { ChatCompletionChunk } from "@/lib/wire/openai";
import type { Reply } from "./reply";

export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export const waitForAbort = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/** One SSE frame; `output` marks frames that carry generated text (what `drop-after` counts). */
export interface Frame {
  bytes: Uint8Array;
  output: boolean;
}

/** Pieces of about a word each, which concatenate back to the text. */
const wordPieces = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

export function streamFrames(
  reply: Reply,
  index: number,
  chunk: (choices: ChatCompletionChunk["choices"]) => Frame,
): Frame[] {
  const delta = (d: ChatCompletionChunk["choices"][number]["delta"]): Frame => ({
    ...chunk([{ index, delta: d, finish_reason: null }]),
    output: true,
  });
  const frames: Frame[] = [
    chunk([{ index, delta: { role: "assistant", content: "" }, finish_reason: null }]),
  ];
  for (const piece of wordPieces(reply.reasoning ?? "")) frames.push(delta({ reasoning_content: piece }));
  for (const piece of wordPieces(reply.content)) frames.push(delta({ content: piece }));
  (reply.toolCalls ?? []).forEach((call, callIndex) => {
    const { name, arguments: args } = call.function;
    frames.push(
      delta({
        tool_calls: [{ index: callIndex, id: call.id, type: "function", function: { name, arguments: "" } }],
      }),
    );
    const size = Math.max(1, Math.ceil(args.length / 4));
    for (let at = 0; at < args.length; at += size) {
      frames.push(
        delta({ tool_calls: [{ index: callIndex, function: { arguments: args.slice(at, at + size) } }] }),
      );
    }
  });
  frames.push(chunk([{ index, delta: {}, finish_reason: reply.finishReason }]));
  return frames;
}

/**
 * A pull-based stream, so a slow reader is never buffered ahead of. Both an abort of `signal` and a
 * cancel by the reader clear the pending timer and detach the listener: nothing outlives the stream.
 */
export function framesToStream(frames: Frame[], signal: AbortSignal, intervalMs: number, dropAfter?: number) {
  const stop = new AbortController();
  let next = 0;
  let outputSent = 0;
  let onAbort = () => {};
  const finish = () => signal.removeEventListener("abort", onAbort);

  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        stop.abort(signal.reason);
        controller.error(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      if (next > 0 && intervalMs > 0) await delay(intervalMs, stop.signal);
      const frame = frames[next];
      if (frame && next > 0 && dropAfter !== undefined && outputSent >= dropAfter) {
        finish();
        return controller.error(new Error("simulated connection drop"));
      }
      if (frame) {
        controller.enqueue(frame.bytes);
        next += 1;
        if (frame.output) outputSent += 1;
      }
      if (next >= frames.length) {
        finish();
        controller.close();
      }
    },
    cancel(reason) {
      stop.abort(reason);
      finish();
    },
  });
}
