// How deep JSON from outside (request bodies, upstream replies) may nest. JSON.parse itself
// survives any depth, but JSON.stringify and every recursive walk overflow the stack a few thousand
// levels down. No honest request nests anywhere near this; it is serde_json's default limit too.
export const MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * True when the arrays and objects in `text` nest deeper than `limit` (`[]` is depth 1). Exact for
 * valid JSON; on invalid JSON the answer does not matter, JSON.parse refuses it anyway. One pass
 * with no allocation: strings, which are most of a chat body, are skipped with indexOf, and it
 * stops at the first bracket past the limit, so a bomb costs no more than `limit` brackets.
 */
export function exceedsJsonDepth(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return false;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open`, or -1 if none does. */
function stringEnd(text: string, open: number): number {
  let i = open;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return -1;
    // A quote is escaped by an odd run of backslashes before it. Each run is counted once (runs
    // end at quotes), so the whole scan stays linear.
    let run = 0;
    while (text.charCodeAt(i - 1 - run) === BACKSLASH) run++;
    if (run % 2 === 0) return i;
  }
}
