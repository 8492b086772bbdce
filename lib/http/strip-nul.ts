// PostgreSQL's text cannot hold U+0000 (storing or looking one up is a 500 there), and no text the
// UI shows has a use for it. So it is dropped, on either database alike, wherever text enters:
// every string of a UI route's JSON body, object keys included, before validation (lib/http/body.ts),
// page URLs (proxy.ts) and sign-in emails (normaliseEmail). A UI route's id that holds one names
// nothing: "not found" (lib/http/session.ts).

const NUL = "\u0000";
const strip = (text: string) => text.replaceAll(NUL, "");

/** Whether any of these strings (route params: a string, or a catch-all's array) holds a NUL. */
export function hasNul(values: unknown[]): boolean {
  return values.some((v) => (Array.isArray(v) ? hasNul(v) : typeof v === "string" && v.includes(NUL)));
}

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
