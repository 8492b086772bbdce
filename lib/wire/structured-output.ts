import type { ChatMessage } from "./openai";

// The instruction that carries a structured-output schema upstream (JSON mode plus this system
// message); the simulator reads the schema back from it.

/** Opens the instruction; the simulator finds the schema after it. */
export const SCHEMA_INSTRUCTION =
  "Reply with one JSON value, and nothing else, that conforms to this JSON Schema";

/** The system message that carries the schema upstream. */
export function schemaInstruction(format: {
  name: string;
  description?: string;
  schema?: unknown;
}): ChatMessage {
  const about = format.description ? ` (${format.name}: ${format.description})` : ` (${format.name})`;
  return {
    role: "system",
    content: `${SCHEMA_INSTRUCTION}${about}:\n${JSON.stringify(format.schema ?? {})}`,
  };
}

/** The schema a system message produced by schemaInstruction carries, if it is one. */
export function schemaFromInstruction(text: string): unknown {
  if (!text.startsWith(SCHEMA_INSTRUCTION)) return undefined;
  // The schema is the last line: JSON.stringify writes no raw newline, a description may.
  const newline = text.lastIndexOf("\n");
  try {
    return newline === -1 ? undefined : JSON.parse(text.slice(newline + 1));
  } catch {
    return undefined;
  }
}
