import { exceedsJsonDepth, MAX_JSON_DEPTH } from "@/lib/json-depth";

// JSON from outside the process (upstream replies, tool arguments, the simulator's input): parsed
// without throwing, and checked for shape by the caller.

/**
 * JSON.parse for text from outside (upstream replies, tool arguments) that reports failure as
 * `undefined`, nesting deeper than `maxDepth` included; the caller still validates the shape.
 */
export function parseJsonSafe<T = unknown>(text: string, maxDepth = MAX_JSON_DEPTH): T | undefined {
  if (exceedsJsonDepth(text, maxDepth)) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
