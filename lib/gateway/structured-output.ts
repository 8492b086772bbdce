import { createHash } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// Structured outputs (`response_format: json_schema`). No upstream we route to is known to enforce
// a schema, so every route gets JSON mode plus the schema as a system instruction, and the reply is
// checked here: a reply that does not conform is an error, never passed on as valid.

export const jsonSchemaFormat = z.object({
  type: z.literal("json_schema"),
  json_schema: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "names are 1–64 letters, digits, _ or -"),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

export type JsonSchemaFormat = z.infer<typeof jsonSchemaFormat>;

// Formats are not checked (Moonshot's JSON mode knows none of them); unknown keywords are ignored.
const ajv = new Ajv({ strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();
const CACHE_SIZE = 256;

/** Compiles a request's schema once (cached by its hash); a schema ajv refuses is the client's 400. */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const { $schema: _dialect, ...body } = schema;
  const key = createHash("sha256").update(JSON.stringify(body)).digest("base64url");
  const hit = compiled.get(key);
  if (hit) return hit;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(body);
  } catch (error) {
    throw new AppError("invalid_request", `Invalid JSON schema: ${(error as Error).message}`, {
      param: "response_format.json_schema.schema",
    });
  }
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** Checks one reply's content; null when it conforms, else the error naming the first violation. */
export type ReplyCheck = (content: string) => AppError | null;

export function replyCheck(validate: ValidateFunction, name: string): ReplyCheck {
  return (content) => {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      return violation(name, "the reply is not valid JSON");
    }
    if (validate(value)) return null;
    const first = validate.errors?.[0];
    return violation(name, `${first?.instancePath || "/"} ${first?.message ?? "does not conform"}`);
  };
}

const violation = (name: string, detail: string) =>
  new AppError(
    "invalid_structured_output",
    `The model's reply does not conform to the schema "${name}": ${detail}.`,
  );
