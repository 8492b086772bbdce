// Request schemas of the Anthropic Messages API and count_tokens, with Anthropic-style error text.
import { z } from "zod";

// ── Request schema ──────────────────────────────────────────────────────────────────────────────
// Messages read like Anthropic's own validation errors ("max_tokens: Field required") so clients
// moving over from Anthropic recognise them. Unknown keys (cache_control, citations…) are stripped.

const REQUIRED = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "Field required" : undefined),
};

const textBlock = z.object({ type: z.literal("text"), text: z.string(REQUIRED) });

const imageBlock = z.object({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("base64"),
      media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]),
      data: z.string().min(1),
    }),
    z.object({ type: z.literal("url"), url: z.url({ protocol: /^https?$/ }) }),
  ]),
});

const toolResultBlock = z.object({
  type: z.literal("tool_result"),
  tool_use_id: z.string(REQUIRED).min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
});

const toolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string(REQUIRED).min(1),
  name: z.string(REQUIRED).min(1),
  input: z.record(z.string(), z.unknown(), REQUIRED),
});

// Replayed reasoning. The signature is Anthropic's tamper seal; Kimi has none, so any value is accepted.
const thinkingBlock = z.object({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string().optional(),
});
// Encrypted Anthropic reasoning in a history a client carried over: accepted, and dropped (unreadable).
const redactedThinkingBlock = z.object({ type: z.literal("redacted_thinking"), data: z.string() });

const blockTypeError = (expected: string) => ({
  error: (issue: { code: string; input?: unknown }) =>
    issue.code === "invalid_union" ? `Input tag should be one of ${expected}` : undefined,
});
const contentError = { error: "Input should be a string or a list of content blocks" };
const userContent = z.union(
  [
    z.string(),
    z.array(
      z.discriminatedUnion(
        "type",
        [textBlock, imageBlock, toolResultBlock],
        blockTypeError("'text', 'image', 'tool_result'"),
      ),
    ),
  ],
  contentError,
);
const assistantContent = z.union(
  [
    z.string(),
    z.array(
      z.discriminatedUnion(
        "type",
        [textBlock, toolUseBlock, thinkingBlock, redactedThinkingBlock],
        blockTypeError("'text', 'tool_use', 'thinking', 'redacted_thinking'"),
      ),
    ),
  ],
  contentError,
);

const message = z.discriminatedUnion(
  "role",
  [
    z.object({ role: z.literal("user"), content: userContent }),
    z.object({ role: z.literal("assistant"), content: assistantContent }),
  ],
  { error: "Input should be 'user' or 'assistant'" },
);

const tool = z.object({
  type: z.literal("custom").nullish(),
  name: z
    .string(REQUIRED)
    .regex(/^[a-zA-Z0-9_-]{1,128}$/, "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal("object") }),
});

const toolChoice = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({
    type: z.literal("tool"),
    name: z.string(REQUIRED).min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.object({ type: z.literal("none") }),
]);

const requestFields = z.object({
  model: z.string(REQUIRED).min(1),
  messages: z.array(message, REQUIRED).min(1, "List should have at least 1 item"),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  max_tokens: z.int(REQUIRED).positive("Input should be greater than or equal to 1"),
  // Anthropic's range is 0–1 and Kimi's 0–2. The number passes through unchanged, as Kimi's own
  // Anthropic-compatible endpoint does: rescaling would make ours disagree with Kimi's.
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().nonnegative().optional(),
  // Kimi caps stop sequences at 5 strings of at most 32 bytes; rejecting here beats an upstream 400.
  stop_sequences: z
    .array(
      z
        .string()
        .refine((s) => new TextEncoder().encode(s).length <= 32, "Stop sequences are limited to 32 bytes"),
    )
    .max(5, "List should have at most 5 items")
    .optional(),
  stream: z.boolean().optional(),
  metadata: z.object({ user_id: z.string().nullish() }).optional(),
  tools: z.array(tool).max(128, "List should have at most 128 items").optional(),
  tool_choice: toolChoice.optional(),
  // Switches thinking on the models where it is a toggle (kimi-k2.6); others accept and ignore
  // it. Kimi has no budget to pass budget_tokens to.
  thinking: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("enabled"), budget_tokens: z.int().min(1024) }),
      z.object({ type: z.literal("disabled") }),
      z.object({ type: z.literal("adaptive") }),
    ])
    .optional(),
});

function toolChoiceHasTools(req: Pick<z.infer<typeof requestFields>, "tool_choice" | "tools">): boolean {
  return !req.tool_choice || req.tool_choice.type === "none" || (req.tools?.length ?? 0) > 0;
}
const TOOL_CHOICE_NEEDS_TOOLS = {
  message: "tool_choice may only be specified while providing tools",
  path: ["tool_choice"],
};

export const anthropicRequestSchema = requestFields.refine(toolChoiceHasTools, TOOL_CHOICE_NEEDS_TOOLS);

export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;

/** POST /v1/messages/count_tokens takes what the prompt is made of: no max_tokens, no sampling. */
export const countTokensRequestSchema = requestFields
  .pick({ model: true, messages: true, system: true, tools: true, tool_choice: true, thinking: true })
  .refine(toolChoiceHasTools, TOOL_CHOICE_NEEDS_TOOLS);

export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;

// A body of thousands of bad messages would otherwise get megabytes of message back.
const MAX_REPORTED_ISSUES = 5;

/** "messages.0.role: Input should be 'user' or 'assistant'; max_tokens: Field required" — Anthropic's style. */
export function describeValidationError(error: z.ZodError): string {
  const all = describeIssues(error.issues, []);
  const shown = all.slice(0, MAX_REPORTED_ISSUES);
  if (all.length > shown.length) shown.push(`and ${all.length - shown.length} more`);
  return shown.join("; ");
}

function describeIssues(issues: readonly z.core.$ZodIssue[], base: PropertyKey[]): string[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    // "string or list of blocks" fails as a whole; when the input was a list, the list's own problem
    // (e.g. an unknown block type) is the one worth reporting.
    const shapeMatched =
      issue.code === "invalid_union"
        ? issue.errors.find((branch) => branch.every((i) => i.code !== "invalid_type" || i.path.length > 0))
        : undefined;
    if (shapeMatched?.length) return describeIssues(shapeMatched, path);
    return [path.length ? `${path.map(String).join(".")}: ${issue.message}` : issue.message];
  });
}

export type UserContent = z.infer<typeof userContent>;
export type AssistantContent = z.infer<typeof assistantContent>;
export type ImageBlock = z.infer<typeof imageBlock>;
export type ToolResultContent = z.infer<typeof toolResultBlock>["content"];
