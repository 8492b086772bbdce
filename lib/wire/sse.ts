// Server-sent events, both directions: a buffering reader for upstream streams and the encoder for
// our own. Pure code — no I/O beyond the stream it is handed.

export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

export interface SseParser {
  /** Feed decoded text; complete events are reported through `onEvent`. */
  feed(text: string): void;
  /** End of input: report a last event even if the stream ended without its blank line. */
  flush(): void;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Parser per the WHATWG event-stream rules, fed with arbitrary slices of text. */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = "";
  let started = false;
  let data: string[] = [];
  let eventName: string | undefined;
  let lastId: string | undefined;

  const dispatch = () => {
    if (data.length > 0) {
      const event: SseEvent = { data: data.join("\n") };
      if (eventName) event.event = eventName;
      if (lastId !== undefined) event.id = lastId;
      onEvent(event);
    }
    data = [];
    eventName = undefined;
  };

  const processLine = (line: string) => {
    if (line === "") return dispatch();
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") eventName = value;
    else if (field === "id" && !value.includes("\0")) lastId = value;
  };

  return {
    feed(text) {
      buffer += text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.startsWith("\uFEFF")) buffer = buffer.slice(1);
      }
      const lineBreak = new RegExp(LINE_BREAK);
      let start = 0;
      for (let match = lineBreak.exec(buffer); match; match = lineBreak.exec(buffer)) {
        // A trailing "\r" may be the first half of a "\r\n" that the next slice completes.
        if (match[0] === "\r" && match.index === buffer.length - 1) break;
        processLine(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    flush() {
      // Lenient on purpose: some upstreams close right after their last `data:` line.
      if (buffer !== "") processLine(buffer.replace(/\r$/, ""));
      buffer = "";
      dispatch();
    },
  };
}

/** A Web stream's chunks through its reader (browsers without async-iterable streams included). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Cancelling a stream that already errored rejects again; the original error is what matters.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Yields the events of a byte stream: a Web stream (fetch in the browser) or any async iterable of
 * bytes (undici's body upstream). Decoding is streaming, so a UTF-8 character split across chunks
 * survives. Leaving the loop early cancels the stream, which aborts the upstream request.
 */
export async function* readSse(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<SseEvent> {
  const chunks = "getReader" in source ? chunksOf(source) : source;
  const decoder = new TextDecoder();
  const pending: SseEvent[] = [];
  const parser = createSseParser((event) => pending.push(event));
  for await (const chunk of chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) {
      const event = pending.shift();
      if (event) yield event;
    }
  }
  parser.feed(decoder.decode());
  parser.flush();
  while (pending.length > 0) {
    const event = pending.shift();
    if (event) yield event;
  }
}

const encoder = new TextEncoder();

/** One SSE frame. Strings are sent as-is (split into `data:` lines), anything else as JSON. */
export function encodeSse(data: unknown, event?: string): Uint8Array {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  const head = event ? `event: ${event}\n` : "";
  return encoder.encode(`${head}${lines.join("\n")}\n\n`);
}

export const SSE_DONE_DATA = "[DONE]";

/** The OpenAI stream terminator, `data: [DONE]`. */
export const SSE_DONE: Uint8Array = encodeSse(SSE_DONE_DATA);
