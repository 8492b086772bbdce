// Splits Markdown into top-level blocks at blank lines outside code fences. A streaming reply is
// rendered block by block with each block memoised, so a new token re-parses only the last block
// instead of the whole message (and finished code blocks are never re-highlighted).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const match = FENCE.exec(line);
    if (match?.[1]) {
      const marker = match[1];
      if (fence === null) fence = marker;
      // A fence closes on the same character, at least as long, with nothing after it.
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
    }
    if (fence === null && line.trim() === "" && !match) {
      if (current.length > 0) blocks.push(current.join("\n"));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length > 0) blocks.push(current.join("\n"));
  return blocks;
}
