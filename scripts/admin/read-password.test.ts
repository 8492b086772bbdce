import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { promptHidden, readFirstLine } from "./read-password";

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

describe("readFirstLine", () => {
  it.each<[string, string, string | null]>([
    ["a line", "s3cret pass phrase\n", "s3cret pass phrase"],
    ["CRLF", "s3cret\r\nsecond\n", "s3cret"],
    ["no final newline", "s3cret", "s3cret"],
    ["only the first of several lines", "one\ntwo\n", "one"],
    ["spaces kept", "  spaced  \n", "  spaced  "],
    ["empty input", "", null],
  ])("%s", async (_name, text, expected) => {
    const input = new PassThrough();
    input.end(text);
    expect(await readFirstLine(input)).toBe(expected);
  });
});

describe("promptHidden", () => {
  it("shows the question, never what is typed, and returns the line", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const shown = collect(output);
    const answer = promptHidden("Password: ", input, output);
    input.write("hunter2-but-longer\r");
    expect(await answer).toBe("hunter2-but-longer");
    expect(shown()).toBe("Password: \n");
  });

  it.each([
    ["Ctrl-D", (input: PassThrough) => input.end()],
    ["Ctrl-C", (input: PassThrough) => input.write("abc\x03")],
  ])("fails on %s before a line", async (_name, cancel) => {
    const input = new PassThrough();
    const output = new PassThrough();
    const answer = promptHidden("Password: ", input, output);
    cancel(input);
    await expect(answer).rejects.toThrow("no password entered");
  });
});
