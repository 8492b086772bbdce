import { createHash } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import { LRUCache } from "lru-cache";
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

// Formats and patterns are not checked: no upstream enforces them, and a client's pattern run here
// on the reply could backtrack for ever (ReDoS). Unknown keywords are ignored.
const ajv = new Ajv({ strict: false, validateFormats: false });
ajv.removeKeyword("pattern");
ajv.removeKeyword("patternProperties");
// Clients send the same few schemas again and again; compiling is the expensive part.
const compiled = new LRUCache<string, ValidateFunction>({ max: 256 });

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
  } finally {
    // ajv keeps every schema (and its $id) it compiled; clients' schemas must not pile up or collide.
    ajv.removeSchema();
  }
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
