import { describe, expect, it } from "vitest";
import { anthropicRequestSchema, countTokensRequestSchema, describeValidationError } from "./index";

// ── Validation and count_tokens ───────────────────────────────────────────────────────────────

describe("anthropicRequestSchema", () => {
  const ok = { model: "kimi-k2", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] };
  const manyTools = Array.from({ length: 129 }, (_, i) => ({
    name: `tool_${i}`,
    input_schema: { type: "object" },
  }));
  it.each([
    {
      name: "missing max_tokens",
      body: { model: "kimi-k2", messages: ok.messages },
      message: "max_tokens: Field required",
    },
    {
      name: "zero max_tokens",
      body: { ...ok, max_tokens: 0 },
      message: "max_tokens: Input should be greater than or equal to 1",
    },
    {
      name: "bad role",
      body: { ...ok, messages: [{ role: "tool", content: "Hi" }] },
      message: "messages.0.role: Input should be 'user' or 'assistant'",
    },
    {
      name: "no messages",
      body: { ...ok, messages: [] },
      message: "messages: List should have at least 1 item",
    },
    {
      name: "too many tools",
      body: { ...ok, tools: manyTools },
      message: "tools: List should have at most 128 items",
    },
    {
      name: "unknown block type",
      body: { ...ok, messages: [{ role: "user", content: [{ type: "document", source: {} }] }] },
      message: "messages.0.content.0.type: Input tag should be one of 'text', 'image', 'tool_result'",
    },
    {
      name: "tool_use in a user turn",
      body: {
        ...ok,
        messages: [{ role: "user", content: [{ type: "tool_use", id: "a", name: "b", input: {} }] }],
      },
      message: "messages.0.content.0.type: Input tag should be one of 'text', 'image', 'tool_result'",
    },
    {
      name: "six stop sequences",
      body: { ...ok, stop_sequences: ["a", "b", "c", "d", "e", "f"] },
      message: "stop_sequences: List should have at most 5 items",
    },
    {
      name: "tool_choice without tools",
      body: { ...ok, tool_choice: { type: "any" } },
      message: "tool_choice: tool_choice may only be specified while providing tools",
    },
    {
      name: "thinking budget below 1024",
      body: { ...ok, thinking: { type: "enabled", budget_tokens: 100 } },
      message: "thinking.budget_tokens: Too small: expected number to be >=1024",
    },
  ])("rejects $name readably", ({ body, message }) => {
    const result = anthropicRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeValidationError(result.error)).toBe(message);
  });

  it("reports the first five problems and counts the rest", () => {
    const messages = Array.from({ length: 40_000 }, () => ({ role: "x", content: "a" }));
    const result = anthropicRequestSchema.safeParse({ ...ok, messages });
    expect(result.success).toBe(false);
    if (!result.success) {
      const roles = [0, 1, 2, 3, 4].map((i) => `messages.${i}.role: Input should be 'user' or 'assistant'`);
      expect(describeValidationError(result.error)).toBe(`${roles.join("; ")}; and 39995 more`);
    }
  });

  it("accepts a full request and drops unknown fields", () => {
    const parsed = anthropicRequestSchema.parse({
      ...ok,
      system: [{ type: "text", text: "S", cache_control: { type: "ephemeral" } }],
      tool_choice: { type: "tool", name: "t" },
      tools: [
        { name: "t", description: "d", input_schema: { type: "object", properties: {} }, cache_control: {} },
      ],
      thinking: { type: "disabled" },
      base_url: "https://evil.example",
    });
    expect(parsed).toStrictEqual({
      ...ok,
      system: [{ type: "text", text: "S" }],
      tool_choice: { type: "tool", name: "t" },
      tools: [{ name: "t", description: "d", input_schema: { type: "object", properties: {} } }],
      thinking: { type: "disabled" },
    });
  });
});

describe("countTokensRequestSchema", () => {
  const messages = [{ role: "user", content: "Hi" }];
  it.each([
    { name: "needs no max_tokens", body: { model: "kimi-k2", messages }, error: null },
    {
      name: "strips sampling fields it does not use",
      body: { model: "kimi-k2", messages, max_tokens: "x", temperature: 9 },
      error: null,
    },
    { name: "still requires messages", body: { model: "kimi-k2" }, error: "messages: Field required" },
    {
      name: "still checks tool_choice against tools",
      body: { model: "kimi-k2", messages, tool_choice: { type: "any" } },
      error: "tool_choice: tool_choice may only be specified while providing tools",
    },
  ])("$name", ({ body, error }) => {
    const parsed = countTokensRequestSchema.safeParse(body);
    expect(parsed.success ? null : describeValidationError(parsed.error)).toBe(error);
    if (parsed.success) expect(Object.keys(parsed.data).sort()).toEqual(["messages", "model"]);
  });
});
