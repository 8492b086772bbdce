import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { remarkImagesAsLinks } from "@/lib/playground/markdown-images";

const LEAK = "http://evil.example/leak?secret";
const paragraph = (...children: Root["children"]) =>
  ({ type: "root", children: [{ type: "paragraph", children }] }) as Root;
const transform = (tree: Root) => {
  remarkImagesAsLinks()(tree);
  return tree;
};

describe("remarkImagesAsLinks", () => {
  it.each([
    [
      "an image becomes a link named by its alt text",
      paragraph({ type: "image", url: LEAK, alt: "x", title: "t" }),
      paragraph({ type: "link", url: LEAK, title: "t", children: [{ type: "text", value: "x" }] }),
    ],
    [
      "an image without alt text is named by its URL",
      paragraph({ type: "image", url: LEAK, alt: "" }),
      paragraph({ type: "link", url: LEAK, title: undefined, children: [{ type: "text", value: LEAK }] }),
    ],
    [
      "a reference image becomes a link reference",
      paragraph({ type: "imageReference", identifier: "ref", label: "Ref", referenceType: "full", alt: "x" }),
      paragraph({
        type: "linkReference",
        identifier: "ref",
        label: "Ref",
        referenceType: "full",
        children: [{ type: "text", value: "x" }],
      }),
    ],
    [
      "an image inside a link becomes its text (no link in a link)",
      paragraph({
        type: "link",
        url: "https://ok.example",
        children: [{ type: "image", url: LEAK, alt: "x" }],
      }),
      paragraph({ type: "link", url: "https://ok.example", children: [{ type: "text", value: "x" }] }),
    ],
    [
      "a reference image inside a link reference becomes its text",
      paragraph({
        type: "linkReference",
        identifier: "a",
        referenceType: "shortcut",
        children: [{ type: "imageReference", identifier: "b", referenceType: "collapsed", alt: null }],
      }),
      paragraph({
        type: "linkReference",
        identifier: "a",
        referenceType: "shortcut",
        children: [{ type: "text", value: "b" }],
      }),
    ],
  ] as const)("%s", (_name, input, expected) => {
    expect(transform(structuredClone(input) as Root)).toEqual(expected);
  });

  it("finds images at any depth: lists, quotes, tables, emphasis", () => {
    const image = { type: "image", url: LEAK, alt: "deep" } as const;
    const tree = {
      type: "root",
      children: [
        {
          type: "blockquote",
          children: [{ type: "paragraph", children: [{ type: "emphasis", children: [image] }] }],
        },
        {
          type: "list",
          children: [{ type: "listItem", children: [{ type: "paragraph", children: [image] }] }],
        },
        {
          type: "table",
          children: [{ type: "tableRow", children: [{ type: "tableCell", children: [image] }] }],
        },
      ],
    } as Root;
    expect(JSON.stringify(transform(tree))).not.toContain('"image"');
    expect(JSON.stringify(tree).match(/"type":"link"/g)).toHaveLength(3);
  });
});
