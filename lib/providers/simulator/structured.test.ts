import { describe, expect, it } from "vitest";
import { schemaInstruction } from "@/lib/wire/structured-output";
import { complete, firstChoice, request, streamChunks } from "./test-helpers";
import { sampleValue } from "./tools";

const person = {
  type: "object",
  properties: {
    name: { type: "string" },
    age: { type: "integer", minimum: 18 },
    tags: { type: "array", items: { type: "string" } },
    kind: { type: "string", enum: ["a", "b"] },
    email: { anyOf: [{ type: "string", pattern: "@" }, { type: "null" }] },
  },
  required: ["name", "age", "tags", "kind", "email"],
  additionalProperties: false,
};
const expected = { name: "example name", age: 18, tags: ["example tags"], kind: "a", email: null };

const structured = (prompt: string) =>
  request(prompt, {
    response_format: { type: "json_object" },
    messages: [schemaInstruction({ name: "person", schema: person }), { role: "user", content: prompt }],
  });

describe("the simulator's structured outputs", () => {
  it("answers JSON mode with a schema instruction by a sample of the schema", async () => {
    const content = firstChoice(await complete(structured("Who is Ada?"))).message.content ?? "";
    expect(JSON.parse(content)).toEqual(expected);
  });

  it("streams the same sample", async () => {
    const chunks = await streamChunks(structured("Who is Ada?"));
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(JSON.parse(content)).toEqual(expected);
  });

  it("ignores the schema when told to by the off-schema directive", async () => {
    const content = firstChoice(await complete(structured("Who? [[sim:off-schema]]"))).message.content ?? "";
    expect(typeof JSON.parse(content)).toBe("string");
  });

  it("samples a nullable field as null and another union by its first branch", () => {
    expect(sampleValue({ anyOf: [{ type: "integer" }, { type: "null" }] }, "n")).toBeNull();
    expect(sampleValue({ oneOf: [{ type: "boolean" }, { type: "string" }] }, "b")).toBe(true);
  });
});
