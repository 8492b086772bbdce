import { z } from "zod";
import { anthropicRequestSchema } from "@/lib/gateway/anthropic";
import { chatRequestSchema } from "@/lib/gateway/openai";

// Parameter limits as the request schemas enforce them, so the docs cannot drift from validation.

interface Bounds {
  min?: number;
  max?: number;
  maxItems?: number;
  maxLength?: number;
}

type JsonSchema = z.core.JSONSchema.BaseSchema;

function collect(node: JsonSchema, out: Bounds): Bounds {
  const integer = node.type === "integer";
  if (typeof node.minimum === "number") out.min ??= node.minimum;
  if (integer && typeof node.exclusiveMinimum === "number") out.min ??= node.exclusiveMinimum + 1;
  if (typeof node.maximum === "number" && node.maximum < Number.MAX_SAFE_INTEGER) out.max ??= node.maximum;
  if (typeof node.maxItems === "number") out.maxItems ??= node.maxItems;
  if (typeof node.maxLength === "number") out.maxLength ??= node.maxLength;
  for (const option of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) collect(option, out);
  return out;
}

/** The bounds one schema field declares, looking through nullish wrappers and unions. */
function boundsOf(field: z.ZodType): Bounds {
  return collect(z.toJSONSchema(field, { unrepresentable: "any", io: "input" }), {});
}

function fieldBounds<T extends Record<string, z.ZodType>>(shape: T): Record<keyof T, Bounds> {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, boundsOf(field)])) as Record<
    keyof T,
    Bounds
  >;
}

export const CHAT_LIMITS = fieldBounds(chatRequestSchema.shape);
export const MESSAGES_LIMITS = fieldBounds(anthropicRequestSchema.shape);

/** Typographic minus for negative bounds, as in "−2 – 2". */
const show = (value: number | undefined) => String(value).replace("-", "\u2212");

/** "0 – 2" */
export const range = (b: Bounds) => `${show(b.min)} \u2013 ${show(b.max)}`;
/** "≥ 1" */
export const atLeast = (b: Bounds) => `\u2265 ${show(b.min)}`;
