import { describe, expect, it } from "vitest";
import { AppError, zodToAppError } from "@/lib/errors";
import { findModel } from "@/lib/providers/catalog";
import { schemaFromInstruction } from "@/lib/wire/structured-output";
import { applyModelRules, chatRequestSchema } from "./openai";
import { compileSchema, replyCheck } from "./structured-output";

const person = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};
const format = (json_schema: Record<string, unknown>) => ({ type: "json_schema", json_schema });
const body = (response_format: unknown) => ({
  model: "kimi-k2",
  messages: [{ role: "user", content: "hi" }],
  response_format,
});

describe("json_schema requests", () => {
  it("go upstream as JSON mode with the schema as a leading system instruction", () => {
    const parsed = chatRequestSchema.parse(body(format({ name: "person", strict: true, schema: person })));
    const kimi = findModel("kimi-k2");
    if (!kimi) throw new Error("no kimi-k2");
    const out = applyModelRules(parsed, kimi);
    expect(out.response_format).toEqual({ type: "json_object" });
    expect(out.messages).toHaveLength(2);
    const [instruction, user] = out.messages;
    expect(instruction?.role).toBe("system");
    expect(schemaFromInstruction(String(instruction?.content))).toEqual(person);
    expect(user).toEqual({ role: "user", content: "hi" });
  });

  it("reads the schema back even when the description spans lines", () => {
    const parsed = chatRequestSchema.parse(
      body(format({ name: "p", description: "a person\nwith an age", schema: person })),
    );
    const kimi = findModel("kimi-k2");
    if (!kimi) throw new Error("no kimi-k2");
    const [instruction] = applyModelRules(parsed, kimi).messages;
    expect(schemaFromInstruction(String(instruction?.content))).toEqual(person);
  });

  it.each([
    ["a name with a space", { name: "my schema", schema: person }],
    ["a 65-character name", { name: "x".repeat(65), schema: person }],
    ["no name", { schema: person }],
    ["a schema that is not an object", { name: "p", schema: "object" }],
  ])("refuses %s with a 400 naming response_format", (_, jsonSchema) => {
    const parsed = chatRequestSchema.safeParse(body(format(jsonSchema)));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = zodToAppError(parsed.error);
    expect(error.status).toBe(400);
    expect(error.param).toMatch(/^response_format/);
  });
});

describe("compileSchema and replyCheck", () => {
  it("passes a conforming reply and names the first violation of one that is not", () => {
    const check = replyCheck(compileSchema(person), "person");
    expect(check('{"name":"Ada","age":36}')).toBeNull();
    const missing = check('{"name":"Ada"}');
    expect(missing).toBeInstanceOf(AppError);
    expect(missing?.code).toBe("invalid_structured_output");
    expect(missing?.status).toBe(502);
    expect(missing?.message).toContain('"person"');
    expect(missing?.message).toContain("must have required property 'age'");
    expect(check('{"name":"Ada","age":"old"}')?.message).toContain("/age must be integer");
    expect(check("Sure! Here is the JSON")?.message).toContain("not valid JSON");
  });

  it("compiles a schema once and ignores the dialect it names", () => {
    const first = compileSchema({ ...person, $schema: "http://json-schema.org/draft-07/schema#" });
    expect(compileSchema({ ...person, $schema: "https://json-schema.org/draft/2020-12/schema" })).toBe(first);
  });

  it("does not check formats or patterns, which no upstream enforces", () => {
    const check = replyCheck(compileSchema({ type: "string", format: "email" }), "email");
    expect(check('"not an email"')).toBeNull();
    const pattern = replyCheck(compileSchema({ type: "string", pattern: "^x$" }), "x");
    expect(pattern('"not x"')).toBeNull();
    expect(pattern("1")?.message).toContain("must be string");
  });

  it("keeps no client's schema: the same $id may come back with another body", () => {
    const tree = (leaf: string) => ({
      $id: "https://example.com/tree",
      type: "object",
      properties: { value: { type: leaf }, children: { type: "array", items: { $ref: "#" } } },
      required: ["value"],
    });
    const numbers = replyCheck(compileSchema(tree("number")), "tree");
    const strings = replyCheck(compileSchema(tree("string")), "tree");
    expect(numbers('{"value":1,"children":[{"value":2}]}')).toBeNull();
    expect(numbers('{"value":1,"children":[{"value":"x"}]}')?.message).toContain("/children/0/value");
    expect(strings('{"value":"a","children":[{"value":"b"}]}')).toBeNull();
  });

  it("refuses a schema ajv cannot compile with a 400 naming the schema", () => {
    expect(() => compileSchema({ type: "no-such-type" })).toThrow(
      expect.objectContaining({ code: "invalid_request", param: "response_format.json_schema.schema" }),
    );
  });
});
