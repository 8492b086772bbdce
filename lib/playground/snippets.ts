import type { ChatBody } from "@/lib/playground/settings";

// "View code": the playground's current request as runnable curl, Python and Node, against this
// deployment, in OpenAI style (POST <origin>/api/v1/chat/completions) and Anthropic style
// (POST <origin>/api/v1/messages; the Anthropic SDKs append /v1/messages to base_url <origin>/api).
// Built from the same body the playground sends (buildChatBody), so what runs is what was shown.

export const PLACEHOLDER_KEY = "sk-kimi-YOUR_API_KEY";
export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic's Messages API caps temperature at 1. */
export const ANTHROPIC_MAX_TEMPERATURE = 1;

export type SnippetLanguage = "curl" | "python" | "node";
export type SnippetStyle = "openai" | "responses" | "anthropic";

export interface SnippetSet {
  curl: string;
  python: string;
  node: string;
  /** Settings the style cannot express (e.g. penalties in Anthropic style). */
  omitted: string[];
}

export type Snippets = Record<SnippetStyle, SnippetSet>;

// --- literals ---------------------------------------------------------------------------------

const pad = (depth: number) => "    ".repeat(depth);

/** A JSON-like value as a Python literal (True/False/None), indented 4 spaces per level. */
export function toPython(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number" || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v !== "object" || v === null))
      return `[${value.map((v) => toPython(v)).join(", ")}]`;
    return `[\n${value.map((v) => `${pad(depth + 1)}${toPython(v, depth + 1)},`).join("\n")}\n${pad(depth)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${toPython(v, depth)}`).join(", ")}}`;
}

/** Python keyword arguments, one per line. */
function pythonKwargs(args: Record<string, unknown>, depth: number): string {
  return Object.entries(args)
    .map(([k, v]) => `${pad(depth)}${k}=${toPython(v, depth)},`)
    .join("\n");
}

const indent = (text: string, spaces: number) =>
  text
    .split("\n")
    .map((line, i) => (i === 0 ? line : `${" ".repeat(spaces)}${line}`))
    .join("\n");

/** A JS object literal (JSON is valid JS), indented to sit inside a call. */
const jsLiteral = (value: unknown, spaces: number) => indent(JSON.stringify(value, null, 2), spaces);

/** Single-quoted for a POSIX shell: ' becomes '\''. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

// --- OpenAI style -----------------------------------------------------------------------------

/** Parameters the OpenAI SDKs do not type; the Python SDK sends them through extra_body. */
const OPENAI_EXTRA = new Set(["top_k", "thinking"]);

function openAISnippets(origin: string, body: ChatBody): SnippetSet {
  const baseUrl = `${origin}/api/v1`;
  const request = Object.fromEntries(
    Object.entries(body).filter(([k]) => k !== "stream" && k !== "stream_options"),
  );

  const curl = [
    `curl ${baseUrl}/chat/completions \\`,
    `  -H "Authorization: Bearer ${PLACEHOLDER_KEY}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(request, null, 2))}`,
  ].join("\n");

  const typed = Object.fromEntries(Object.entries(request).filter(([k]) => !OPENAI_EXTRA.has(k)));
  const extra = Object.fromEntries(Object.entries(request).filter(([k]) => OPENAI_EXTRA.has(k)));
  const pyArgs = { ...typed, ...(Object.keys(extra).length > 0 ? { extra_body: extra } : {}) };
  const python = [
    "from openai import OpenAI",
    "",
    "client = OpenAI(",
    `    base_url=${JSON.stringify(baseUrl)},`,
    `    api_key=${JSON.stringify(PLACEHOLDER_KEY)},`,
    ")",
    "",
    "completion = client.chat.completions.create(",
    pythonKwargs(pyArgs, 1),
    ")",
    "print(completion.choices[0].message.content)",
  ].join("\n");

  const node = [
    'import OpenAI from "openai";',
    "",
    "const client = new OpenAI({",
    `  baseURL: ${JSON.stringify(baseUrl)},`,
    `  apiKey: ${JSON.stringify(PLACEHOLDER_KEY)},`,
    "});",
    "",
    `const completion = await client.chat.completions.create(${jsLiteral(request, 0)});`,
    "console.log(completion.choices[0].message.content);",
  ].join("\n");

  return { curl, python, node, omitted: [] };
}

// --- OpenAI Responses style ------------------------------------------------------------------

interface ResponsesBody {
  model: string;
  instructions?: string;
  input: Array<{ role: "user" | "assistant"; content: string }>;
  temperature?: number;
  top_p?: number;
  max_output_tokens: number;
  reasoning?: { effort: "none" | "medium" };
  text?: { format: { type: "json_object" } };
}

/** The same request as a Responses API body, and the settings that API has no field for. */
export function toResponsesBody(body: ChatBody): { request: ResponsesBody; omitted: string[] } {
  const instructions = body.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const input = body.messages.flatMap((m) =>
    m.role === "system" ? [] : [{ role: m.role, content: m.content }],
  );
  const request: ResponsesBody = {
    model: body.model,
    ...(instructions ? { instructions } : {}),
    input,
    ...(body.temperature !== undefined && { temperature: body.temperature }),
    ...(body.top_p !== undefined && { top_p: body.top_p }),
    max_output_tokens: body.max_tokens,
  };
  // The Responses API's switch for a model whose thinking can be turned off.
  if (body.thinking) request.reasoning = { effort: body.thinking.type === "disabled" ? "none" : "medium" };
  if (body.response_format) request.text = { format: { type: "json_object" } };
  const omitted: string[] = [];
  if (body.presence_penalty) omitted.push("presence_penalty");
  if (body.frequency_penalty) omitted.push("frequency_penalty");
  if (body.top_k !== undefined) omitted.push("top_k");
  if (body.n !== undefined) omitted.push("n");
  if (body.stop?.length) omitted.push("stop");
  if (body.seed !== undefined) omitted.push("seed");
  return { request, omitted };
}

function responsesSnippets(origin: string, body: ChatBody): SnippetSet {
  const { request, omitted } = toResponsesBody(body);
  const baseUrl = `${origin}/api/v1`;

  const curl = [
    `curl ${baseUrl}/responses \\`,
    `  -H "Authorization: Bearer ${PLACEHOLDER_KEY}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(request, null, 2))}`,
  ].join("\n");

  const python = [
    "from openai import OpenAI",
    "",
    "client = OpenAI(",
    `    base_url=${JSON.stringify(baseUrl)},`,
    `    api_key=${JSON.stringify(PLACEHOLDER_KEY)},`,
    ")",
    "",
    "response = client.responses.create(",
    pythonKwargs(request as unknown as Record<string, unknown>, 1),
    ")",
    "print(response.output_text)",
  ].join("\n");

  const node = [
    'import OpenAI from "openai";',
    "",
    "const client = new OpenAI({",
    `  baseURL: ${JSON.stringify(baseUrl)},`,
    `  apiKey: ${JSON.stringify(PLACEHOLDER_KEY)},`,
    "});",
    "",
    `const response = await client.responses.create(${jsLiteral(request, 0)});`,
    "console.log(response.output_text);",
  ].join("\n");

  return { curl, python, node, omitted };
}

// --- Anthropic style --------------------------------------------------------------------------

interface AnthropicBody {
  model: string;
  max_tokens: number;
  system?: string;
  messages: Array<{ role: "user" | "assistant"; content: string }>;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  thinking?: { type: "enabled"; budget_tokens: number } | { type: "disabled" };
}

/** The same request in Anthropic Messages form, and the settings that form has no field for. */
export function toAnthropicBody(body: ChatBody): { request: AnthropicBody; omitted: string[] } {
  const system = body.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const messages = body.messages.flatMap((m) =>
    m.role === "system" ? [] : [{ role: m.role, content: m.content }],
  );
  // Key order is display order: model, max_tokens, system, messages, then sampling.
  const request: AnthropicBody = {
    model: body.model,
    max_tokens: body.max_tokens,
    ...(system ? { system } : {}),
    messages,
  };
  const omitted: string[] = [];
  if (body.temperature !== undefined) {
    request.temperature = Math.min(body.temperature, ANTHROPIC_MAX_TEMPERATURE);
    if (body.temperature > ANTHROPIC_MAX_TEMPERATURE)
      omitted.push(`temperature ${body.temperature} (capped at 1)`);
  }
  if (body.top_p !== undefined) request.top_p = body.top_p;
  if (body.top_k !== undefined) request.top_k = body.top_k;
  if (body.stop?.length) request.stop_sequences = [...body.stop];
  // Kimi has no thinking budget; Anthropic's smallest is what the form needs.
  if (body.thinking)
    request.thinking =
      body.thinking.type === "enabled" ? { type: "enabled", budget_tokens: 1024 } : { type: "disabled" };
  if (body.presence_penalty) omitted.push("presence_penalty");
  if (body.frequency_penalty) omitted.push("frequency_penalty");
  if (body.n !== undefined) omitted.push("n");
  if (body.response_format) omitted.push("JSON mode (response_format)");
  if (body.seed !== undefined) omitted.push("seed");
  return { request, omitted };
}

function anthropicSnippets(origin: string, body: ChatBody): SnippetSet {
  const { request, omitted } = toAnthropicBody(body);
  const baseUrl = `${origin}/api`;

  const curl = [
    `curl ${baseUrl}/v1/messages \\`,
    `  -H "x-api-key: ${PLACEHOLDER_KEY}" \\`,
    `  -H "anthropic-version: ${ANTHROPIC_VERSION}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(request, null, 2))}`,
  ].join("\n");

  const python = [
    "import anthropic",
    "",
    "client = anthropic.Anthropic(",
    `    base_url=${JSON.stringify(baseUrl)},`,
    `    api_key=${JSON.stringify(PLACEHOLDER_KEY)},`,
    ")",
    "",
    "message = client.messages.create(",
    pythonKwargs(request as unknown as Record<string, unknown>, 1),
    ")",
    'print("".join(block.text for block in message.content if block.type == "text"))',
  ].join("\n");

  const node = [
    'import Anthropic from "@anthropic-ai/sdk";',
    "",
    "const client = new Anthropic({",
    `  baseURL: ${JSON.stringify(baseUrl)},`,
    `  apiKey: ${JSON.stringify(PLACEHOLDER_KEY)},`,
    "});",
    "",
    `const message = await client.messages.create(${jsLiteral(request, 0)});`,
    'console.log(message.content.filter((b) => b.type === "text").map((b) => b.text).join(""));',
  ].join("\n");

  return { curl, python, node, omitted };
}

/** Every snippet for `body` against the deployment at `origin` (e.g. "https://kimi.example.com"). */
export function buildSnippets(origin: string, body: ChatBody): Snippets {
  const base = origin.replace(/\/+$/, "");
  return {
    openai: openAISnippets(base, body),
    responses: responsesSnippets(base, body),
    anthropic: anthropicSnippets(base, body),
  };
}
