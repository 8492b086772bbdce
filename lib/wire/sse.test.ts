import { describe, expect, it } from "vitest";
import { createSseParser, encodeSse, readSse, SSE_DONE, type SseEvent } from "@/lib/wire/sse";

const bytes = (text: string) => new TextEncoder().encode(text);

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of readSse(stream)) events.push(event);
  return events;
}

/** Every way of cutting `whole` into two pieces, at every byte. */
function splitsAtEveryByte(whole: Uint8Array): Uint8Array[][] {
  return Array.from({ length: whole.length + 1 }, (_, i) => [whole.slice(0, i), whole.slice(i)]);
}

describe("createSseParser", () => {
  const parse = (...slices: string[]) => {
    const events: SseEvent[] = [];
    const parser = createSseParser((event) => events.push(event));
    for (const slice of slices) parser.feed(slice);
    parser.flush();
    return events;
  };

  it.each([
    ["LF endings", "data: a\n\ndata: b\n\n", [{ data: "a" }, { data: "b" }]],
    ["CRLF endings", "data: a\r\n\r\ndata: b\r\n\r\n", [{ data: "a" }, { data: "b" }]],
    ["CR endings", "data: a\r\rdata: b\r\r", [{ data: "a" }, { data: "b" }]],
    ["multi-line data", "data: one\ndata: two\n\n", [{ data: "one\ntwo" }]],
    ["comments", ": ping\n\n: keep-alive\ndata: x\n\n", [{ data: "x" }]],
    ["event names", "event: message_start\ndata: {}\n\n", [{ event: "message_start", data: "{}" }]],
    ["no space after colon", "data:tight\n\n", [{ data: "tight" }]],
    ["only one leading space is stripped", "data:  two\n\n", [{ data: " two" }]],
    ["ids", "id: 7\ndata: x\n\n", [{ id: "7", data: "x" }]],
    ["events without data are dropped", "event: ping\n\ndata: x\n\n", [{ data: "x" }]],
    ["a field without colon", "data\n\n", [{ data: "" }]],
    ["a leading BOM", "\uFEFFdata: x\n\n", [{ data: "x" }]],
    ["a last event without blank line", "data: a\n\ndata: [DONE]", [{ data: "a" }, { data: "[DONE]" }]],
  ])("handles %s", (_name, input, expected) => {
    expect(parse(input)).toEqual(expected);
  });

  it("keeps a CRLF split between two slices as one line break", () => {
    expect(parse("data: a\r", "\n\r", "\ndata: b\r\n\r\n")).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("resets the event name after each event", () => {
    expect(parse("event: a\ndata: 1\n\ndata: 2\n\n")).toEqual([{ event: "a", data: "1" }, { data: "2" }]);
  });
});

describe("readSse", () => {
  const wire =
    'event: delta\r\ndata: {"text":"héllo 世界 🙂"}\r\n: ping\r\n\r\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n';
  const expected = [
    { event: "delta", data: '{"text":"héllo 世界 🙂"}' },
    { data: "line1\nline2" },
    { data: "[DONE]" },
  ];

  it("reassembles events split at any byte, including inside UTF-8 characters", async () => {
    for (const chunks of splitsAtEveryByte(bytes(wire))) {
      expect(await collect(streamOf(chunks))).toEqual(expected);
    }
  });

  it("reassembles a stream delivered one byte at a time", async () => {
    const whole = bytes(wire);
    const chunks = Array.from(whole, (byte) => Uint8Array.of(byte));
    expect(await collect(streamOf(chunks))).toEqual(expected);
  });

  it("cancels the source when the consumer stops early", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes("data: 1\n\ndata: 2\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readSse(stream)) {
      expect(event.data).toBe("1");
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("propagates a stream error", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes("data: 1\n\n"));
        controller.error(new Error("connection reset"));
      },
    });
    await expect(collect(stream)).rejects.toThrow("connection reset");
  });
});

describe("encodeSse", () => {
  const text = (frame: Uint8Array) => new TextDecoder().decode(frame);

  it("JSON-encodes objects and passes strings through", () => {
    expect(text(encodeSse({ a: 1 }))).toBe('data: {"a":1}\n\n');
    expect(text(encodeSse("plain"))).toBe("data: plain\n\n");
    expect(text(SSE_DONE)).toBe("data: [DONE]\n\n");
  });

  it("writes event names and splits multi-line strings", () => {
    expect(text(encodeSse("a\nb", "note"))).toBe("event: note\ndata: a\ndata: b\n\n");
  });

  it("round-trips through readSse", async () => {
    const frames = [encodeSse({ text: "x\ny" }, "delta"), encodeSse("1\r\n2"), SSE_DONE];
    expect(await collect(streamOf(frames))).toEqual([
      { event: "delta", data: '{"text":"x\\ny"}' },
      { data: "1\n2" },
      { data: "[DONE]" },
    ]);
  });
});
