import { z } from "zod";
import { AppError, clipForEcho, zodToAppError } from "@/lib/errors";
import { isRecord } from "@/lib/is-record";

// The Responses API request (POST /v1/responses), as the official SDK's ResponseCreateParams has
// it, narrowed to what we can serve: function tools only, text and image input, no background mode.
// zod strips fields it does not know, so a client's extra options never reach the upstream.

const text = z.object({ type: z.literal("input_text"), text: z.string() });
const image = z.object({
  type: z.literal("input_image"),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(["low", "high", "auto", "original"]).nullish(),
});
const outputText = z.object({ type: z.literal("output_text"), text: z.string() });
const refusal = z.object({ type: z.literal("refusal"), refusal: z.string() });
const inputPart = z.discriminatedUnion("type", [text, image, outputText, refusal]);

export const messageItem = z.object({
  type: z.literal("message"),
  id: z.string().nullish(),
  role: z.enum(["user", "system", "developer", "assistant"]),
  content: z.union([z.string(), z.array(inputPart)]),
  status: z.string().nullish(),
  phase: z.string().nullish(),
});

export const functionCallItem = z.object({
  type: z.literal("function_call"),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  /** The namespace tool the called function belongs to (see flattenNamespaces). */
  namespace: z.string().nullish(),
  arguments: z.string(),
  status: z.string().nullish(),
});

export const functionCallOutputItem = z.object({
  type: z.literal("function_call_output"),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(z.discriminatedUnion("type", [text, image]))]),
  status: z.string().nullish(),
});

export const reasoningItem = z.object({
  type: z.literal("reasoning"),
  id: z.string().nullish(),
  summary: z.array(z.object({ type: z.literal("summary_text"), text: z.string() })).default([]),
  content: z.array(z.object({ type: z.literal("reasoning_text"), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
  status: z.string().nullish(),
});

const itemReference = z.object({ type: z.literal("item_reference"), id: z.string().min(1) });

export const inputItem = z.discriminatedUnion("type", [
  messageItem,
  functionCallItem,
  functionCallOutputItem,
  reasoningItem,
  itemReference,
]);

export type InputItem = z.infer<typeof inputItem>;
export type MessageItem = z.infer<typeof messageItem>;
export type ReasoningInputItem = z.infer<typeof reasoningItem>;
/** An input item with its references resolved: what the translation and the store work on. */
export type ResolvedItem = Exclude<InputItem, { type: "item_reference" }>;

const SUPPORTED_ITEMS = new Set(inputItem.options.map((o) => o.shape.type.value));

export const functionTool = z.object({
  type: z.literal("function"),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "tool names are 1–64 letters, digits, _ or -"),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
  /** Set on a function that came out of a namespace tool; `name` is then the flat upstream name. */
  namespace: z.string().nullish(),
});

export type FunctionToolParam = z.infer<typeof functionTool>;

/** The upstream's name for a function inside a namespace tool (upstreams know only flat functions). */
export const namespacedName = (namespace: string, name: string) => `${namespace}__${name}`;

/**
 * Namespace tools (a group of functions under one name, which Codex CLI sends) become plain
 * functions named `<namespace>__<name>`; calls to them are named back (ToolNames).
 */
function flattenNamespaces(body: Record<string, unknown>): void {
  if (!Array.isArray(body.tools)) return;
  body.tools = body.tools.flatMap((tool) => {
    if (!isRecord(tool) || tool.type !== "namespace" || typeof tool.name !== "string") return [tool];
    const namespace = tool.name;
    const inner = Array.isArray(tool.tools) ? tool.tools : [];
    return inner.map((f) =>
      isRecord(f) && f.type === "function" && typeof f.name === "string"
        ? { ...f, name: namespacedName(namespace, f.name), namespace }
        : f,
    );
  });
}

/**
 * Web search adds a capability the model may use, and Codex CLI attaches it to every request by
 * default: it is left out (the model never learns of it) rather than refused, and the answer names
 * it in `X-Ignored-Tools`. Forcing it with tool_choice is still refused. Returns what was left out.
 */
export function dropOptionalHostedTools(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body.tools)) return [];
  const dropped: string[] = [];
  body.tools = body.tools.filter((tool) => {
    const type = isRecord(tool) ? tool.type : undefined;
    if (typeof type !== "string" || !type.startsWith("web_search")) return true;
    if (!dropped.includes(type)) dropped.push(type);
    return false;
  });
  return dropped;
}

/** Names the upstream's calls back: a flat `<namespace>__<name>` as the client's namespace and name. */
export type ToolNames = (upstreamName: string) => { name: string; namespace?: string };

export function toolNamesOf(req: { tools?: FunctionToolParam[] | null }): ToolNames {
  const map = new Map<string, { name: string; namespace: string }>();
  for (const t of req.tools ?? []) {
    if (t.namespace) map.set(t.name, { name: t.name.slice(t.namespace.length + 2), namespace: t.namespace });
  }
  return (upstreamName) => map.get(upstreamName) ?? { name: upstreamName };
}

export const textFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "names are 1–64 letters, digits, _ or -"),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
]);

export type TextFormat = z.infer<typeof textFormat>;

const metadata = z
  .record(z.string().max(64, "metadata keys are at most 64 characters"), z.string().max(512))
  .refine((m) => Object.keys(m).length <= 16, "metadata holds at most 16 pairs");

export const responsesRequestSchema = z.object({
  model: z.string({ error: "model is required" }).min(1, "model is required"),
  input: z.union([z.string(), z.array(inputItem)]).optional(),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_obfuscation: z.boolean().optional() }).nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  previous_response_id: z.string().min(1).nullish(),
  tools: z.array(functionTool).max(128, "tools accepts at most 128 functions").nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), name: z.string() }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .object({
      format: textFormat.nullish(),
      verbosity: z.enum(["low", "medium", "high"]).nullish(),
    })
    .nullish(),
  reasoning: z
    .object({
      effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).nullish(),
      summary: z.enum(["auto", "concise", "detailed"]).nullish(),
      generate_summary: z.enum(["auto", "concise", "detailed"]).nullish(),
    })
    .nullish(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  metadata: metadata.nullish(),
  user: z.string().max(256).nullish(),
  safety_identifier: z.string().max(256).nullish(),
  prompt_cache_key: z.string().nullish(),
  service_tier: z.string().nullish(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  background: z.boolean().nullish(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

/** `include` values that change nothing here are accepted; this one changes the reply. */
export const ENCRYPTED_REASONING = "reasoning.encrypted_content";

/** Tools of OpenAI's own (hosted) kinds: we run none of them, and say which one was refused. */
function refuseHostedTools(body: Record<string, unknown>): void {
  const { tools, tool_choice: choice } = body;
  if (Array.isArray(tools)) {
    tools.forEach((tool, i) => {
      const type = isRecord(tool) ? tool.type : undefined;
      if (typeof type === "string" && type !== "function") {
        throw new AppError(
          "invalid_request",
          `tools[${i}]: the ${clipForEcho(type)} tool is not supported here; only function tools are served.`,
          { param: `tools[${i}].type` },
        );
      }
    });
  }
  if (isRecord(choice) && typeof choice.type === "string" && choice.type !== "function") {
    throw new AppError(
      "invalid_request",
      `tool_choice: ${clipForEcho(choice.type)} is not supported here; use "auto", "none", "required" or a function.`,
      { param: "tool_choice" },
    );
  }
}

function refuseUnknownItems(input: unknown): void {
  if (!Array.isArray(input)) return;
  input.forEach((item, i) => {
    if (!isRecord(item)) return;
    // An easy message ({role, content}) has no type; it is a message.
    if (item.type === undefined && "role" in item) item.type = "message";
    if (typeof item.type === "string" && !SUPPORTED_ITEMS.has(item.type as never)) {
      throw new AppError(
        "invalid_request",
        `input[${i}]: items of type ${clipForEcho(item.type)} are not supported here.`,
        { param: `input[${i}].type` },
      );
    }
    if (item.type === "message" && Array.isArray(item.content)) {
      item.content.forEach((part, j) => {
        if (isRecord(part) && part.type === "input_file") {
          throw new AppError(
            "invalid_request",
            `input[${i}].content[${j}]: input_file is not supported here.`,
            {
              param: `input[${i}].content[${j}].type`,
            },
          );
        }
      });
    }
  });
}

const UNSUPPORTED: Record<string, string> = {
  conversation: "conversation objects are not supported; use previous_response_id",
  prompt: "prompt templates are not supported",
  context_management: "context_management is not supported",
};

/** Parses a request body; every refusal is an OpenAI-shaped 400 naming its field. */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  if (isRecord(body)) {
    flattenNamespaces(body);
    refuseHostedTools(body);
    refuseUnknownItems(body.input);
    for (const [field, why] of Object.entries(UNSUPPORTED)) {
      if (body[field] != null) throw new AppError("invalid_request", `${field}: ${why}.`, { param: field });
    }
  }
  const parsed = responsesRequestSchema.safeParse(body);
  if (!parsed.success) throw zodToAppError(parsed.error);
  const req = parsed.data;
  if (req.background) {
    throw new AppError("invalid_request", "background: background responses are not supported.", {
      param: "background",
    });
  }
  if (req.input === undefined && !req.previous_response_id) {
    throw new AppError("invalid_request", "input: input is required.", { param: "input" });
  }
  const images = Array.isArray(req.input)
    ? req.input.flatMap((item, i) =>
        item.type === "message" && Array.isArray(item.content)
          ? item.content.map((p, j) => ({ p, at: `input[${i}].content[${j}]` }))
          : [],
      )
    : [];
  for (const { p, at } of images) {
    if (p.type === "input_image" && !p.image_url) {
      throw new AppError(
        "invalid_request",
        `${at}: images are accepted as image_url (a URL or data URL) only.`,
        {
          param: `${at}.image_url`,
        },
      );
    }
  }
  return req;
}
