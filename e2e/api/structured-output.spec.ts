import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { API_BASE, creditState, expect, requestLogs, test } from "../fixtures";

// Structured outputs (response_format json_schema) through the official `openai` client: the
// simulator answers with a sample of the schema, and `[[sim:off-schema]]` makes it ignore the
// schema, which the gateway must report as an error rather than pass on.

test.use({ accountOptions: { credits: 10 } });

const client = (key: string) => new OpenAI({ apiKey: key, baseURL: API_BASE, maxRetries: 0 });

const Person = z.object({
  name: z.string(),
  age: z.number().int(),
  tags: z.array(z.string()),
  kind: z.enum(["friend", "colleague"]),
  email: z.string().email().nullable(),
});

const person = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer", minimum: 1 } },
  required: ["name", "age"],
  additionalProperties: false,
};
const jsonSchema = {
  type: "json_schema" as const,
  json_schema: { name: "person", strict: true, schema: person },
};

test("chat.completions.parse with zodResponseFormat returns the parsed object, for one credit", async ({
  account,
}) => {
  const completion = await client(account.key).chat.completions.parse({
    model: "kimi-k2",
    messages: [{ role: "user", content: "Describe a person" }],
    response_format: zodResponseFormat(Person, "person"),
  });
  const parsed = completion.choices[0]?.message.parsed;
  expect(parsed).toEqual({
    name: "example name",
    age: expect.any(Number),
    tags: ["example tags"],
    kind: "friend",
    email: null,
  });
  expect(Person.parse(parsed)).toEqual(parsed);
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
});

test("raw json_schema answers conforming JSON, whole and streamed", async ({ account }) => {
  const openai = client(account.key);
  const whole = await openai.chat.completions.create({
    model: "kimi-k2",
    messages: [{ role: "user", content: "Describe a person" }],
    response_format: jsonSchema,
  });
  expect(JSON.parse(whole.choices[0]?.message.content ?? "")).toEqual({ name: "example name", age: 1 });

  const stream = await openai.chat.completions.create({
    model: "kimi-k2",
    messages: [{ role: "user", content: "Describe a person" }],
    response_format: jsonSchema,
    stream: true,
  });
  let text = "";
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  expect(JSON.parse(text)).toEqual({ name: "example name", age: 1 });
  expect(finish).toBe("stop");
  expect((await creditState(account.id)).balance).toBe(8);
});

test("a reply off its schema is a 502 invalid_structured_output, charged", async ({ account }) => {
  const error = await client(account.key)
    .chat.completions.create({
      model: "kimi-k2",
      messages: [{ role: "user", content: "Describe a person [[sim:off-schema]]" }],
      response_format: jsonSchema,
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  const apiError = error as InstanceType<typeof OpenAI.APIError>;
  expect(apiError.status).toBe(502);
  expect(apiError.code).toBe("invalid_structured_output");
  expect(apiError.message).toContain('"person"');
  expect(apiError.message).toContain("must be object");
  expect(apiError.headers?.get("x-credits-remaining")).toBe("9");
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
  // Log rows are written in batches.
  await expect
    .poll(async () => (await requestLogs(account.id))[0])
    .toMatchObject({ status: 502, errorCode: "invalid_structured_output" });
});

test("a streamed reply off its schema ends with an error event, not [DONE]", async ({ account }) => {
  const stream = await client(account.key).chat.completions.create({
    model: "kimi-k2",
    messages: [{ role: "user", content: "Describe a person [[sim:off-schema]]" }],
    response_format: jsonSchema,
    stream: true,
  });
  let text = "";
  const error = await (async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  })().then(
    () => null,
    (e: unknown) => e,
  );
  expect(text.length).toBeGreaterThan(0);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as Error).message).toContain("does not conform to the schema");
  expect(await creditState(account.id)).toMatchObject({ balance: 9, ledgerSum: 9 });
  await expect
    .poll(async () => (await requestLogs(account.id))[0])
    .toMatchObject({ status: 502, errorCode: "invalid_structured_output" });
});

test("a schema that does not compile is a 400 before any credit is spent", async ({ account }) => {
  const response = await fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${account.key}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      model: "kimi-k2",
      messages: [{ role: "user", content: "hi" }],
      response_format: {
        type: "json_schema",
        json_schema: { name: "bad", schema: { type: "no-such-type" } },
      },
    }),
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({
    error: { code: "invalid_request", param: "response_format.json_schema.schema" },
  });
  expect(await creditState(account.id)).toMatchObject({ balance: 10, ledgerSum: 10 });
});
