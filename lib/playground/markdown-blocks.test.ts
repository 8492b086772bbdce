import { describe, expect, it } from "vitest";
import { splitMarkdownBlocks } from "@/lib/playground/markdown-blocks";

describe("splitMarkdownBlocks", () => {
  it.each([
    ["empty", "", []],
    ["one paragraph", "Hello\nworld", ["Hello\nworld"]],
    ["paragraphs", "A\n\n\nB\n\nC", ["A", "B", "C"]],
    [
      "a fence keeps its blank lines",
      "Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter",
      ["Intro", "```ts\nconst a = 1;\n\nconst b = 2;\n```", "After"],
    ],
    ["an unclosed fence (still streaming) runs to the end", "```py\nx = 1\n\ny", ["```py\nx = 1\n\ny"]],
    ["a shorter fence does not close a longer one", "````\n```\n\n````\n\nz", ["````\n```\n\n````", "z"]],
    ["tilde fences", "~~~\na\n\nb\n~~~", ["~~~\na\n\nb\n~~~"]],
  ] as const)("%s", (_name, text, expected) => {
    expect(splitMarkdownBlocks(text)).toEqual(expected);
  });

  it("loses no text: blocks joined by blank lines render the same Markdown", () => {
    const text = "# T\n\n- a\n- b\n\n```js\nx\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    expect(splitMarkdownBlocks(text).join("\n\n")).toBe(text);
  });
});
