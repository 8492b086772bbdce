// PostgreSQL's text cannot hold U+0000 (storing one is a 500 there), and no text the UI shows has
// a use for it. So the UI routes drop it from every string of a JSON body, object keys included,
// before validation (lib/http/body.ts), on either database alike.

const NUL = "\u0000";
const strip = (text: string) => text.replaceAll(NUL, "");

/** Whether a JSON text may hold a NUL: inside a JSON string it can only be the escape \u0000. */
export function mayHoldNul(json: Buffer | string): boolean {
  return json.includes("\\u0000");
}

/** The parsed JSON value without NUL characters (arrays and objects are rewritten in place). */
export function stripNul(value: unknown): unknown {
  if (typeof value === "string") return strip(value);
  // A stack, not recursion: how deep the value nests is the parser's business, not this walk's.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "string") node[i] = strip(item);
        else if (item !== null && typeof item === "object") stack.push(item);
      }
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        const clean = strip(key);
        if (clean !== key) delete record[key];
        record[clean] = typeof item === "string" ? strip(item) : item;
        if (item !== null && typeof item === "object") stack.push(item);
      }
    }
  }
  return value;
}
