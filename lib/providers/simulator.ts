// A built-in upstream that answers exactly as Moonshot's POST /v1/chat/completions would — status
// codes, JSON bodies, SSE chunks, reasoning_content, tool calls, usage — so the gateway runs and is
// tested offline through the same code path as a real provider. Replies are deterministic: the same
// request gives the same text, which keeps tests and demos reproducible.

import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
  FinishReason,
  ToolCall,
  ToolDefinition,
  Usage,
} from "@/lib/wire/openai";
import { encodeSse, SSE_DONE } from "@/lib/wire/sse";

export type SimulatorRequest = ChatCompletionRequest & { model: string };

export interface SimulatorOptions {
  signal?: AbortSignal;
  /** Delay before the response (and so its first byte). */
  latencyMs?: number;
  /** Pause between stream chunks. */
  chunkIntervalMs?: number;
  /** Probability (0–1) of an HTTP 500. */
  failRate?: number;
  /** Whether the model reasons first; defaults to "model id contains `thinking`". */
  thinking?: boolean;
  random?: () => number;
  /** Lets a directive such as `[[sim:fail=500@primary]]` target one of several simulated routes. */
  name?: string;
}

const SYSTEM_FINGERPRINT = "fp_kimi_simulator";

// ---------------------------------------------------------------------------------------------
// Tokens

// CJK text runs at about one token per character, Latin text at about four characters per token.
const WIDE_CHAR = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const charCost = (char: string) => (WIDE_CHAR.test(char) ? 1 : 0.25);

/** A deterministic token estimate, shared by usage accounting everywhere. */
export function estimateTokens(text: string): number {
  let cost = 0;
  for (const char of text) cost += charCost(char);
  return Math.ceil(cost);
}

/** The longest prefix whose estimate fits in `limit` tokens. */
function truncateToTokens(text: string, limit: number): string {
  let cost = 0;
  let end = 0;
  for (const char of text) {
    cost += charCost(char);
    if (Math.ceil(cost) > limit) break;
    end += char.length;
  }
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Directives: `[[sim:name=value@scope]]` in the last user message steer one request.

interface Directives {
  fail?: number;
  hang: boolean;
  dropAfter?: number;
  slowMs?: number;
  echo: boolean;
}

const DIRECTIVE = /\[\[sim:([a-z-]+)(?:=([^\]@]*))?(?:@([^\]]+))?\]\]/gi;

function readDirectives(text: string, name: string | undefined): Directives {
  const found: Directives = { hang: false, echo: false };
  for (const [, key, value, scope] of text.matchAll(DIRECTIVE)) {
    if (scope !== undefined && scope !== name) continue;
    const number = Number(value);
    const count = value !== undefined && Number.isInteger(number) && number >= 0 ? number : undefined;
    switch (key?.toLowerCase()) {
      case "fail":
        if (count !== undefined && count >= 400 && count <= 599) found.fail = count;
        break;
      case "hang":
        found.hang = true;
        break;
      case "drop-after":
        found.dropAfter = count;
        break;
      case "slow":
        found.slowMs = count;
        break;
      case "echo":
        found.echo = true;
        break;
    }
  }
  return found;
}

const stripDirectives = (text: string) => text.replace(DIRECTIVE, "").replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------------------------
// Deterministic text

function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG, so replies depend only on the request. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Vocabulary = readonly [string, ...string[]];

function pickSome(rng: () => number, items: Vocabulary, count: number): string[] {
  const pool = [...items];
  const picked: string[] = [];
  while (picked.length < count && pool.length > 0) {
    const [item] = pool.splice(Math.floor(rng() * pool.length), 1);
    if (item !== undefined) picked.push(item);
  }
  return picked;
}

const between = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const SENTENCES: Vocabulary = [
  "A good first step is to state the goal in one sentence and check every later step against it.",
  "Streaming the answer piece by piece keeps an interface responsive even when the full reply takes a while.",
  "It usually pays to measure before optimising, because the slow part is rarely where you expect it.",
  "Small, well-named functions make the intent obvious and keep each change easy to review.",
  "When in doubt, prefer the simpler design and leave room to grow once real usage tells you more.",
  "Caching the result of an expensive step is often the cheapest speed-up available.",
  "Errors are easier to handle when they carry a clear code and a message a person can act on.",
  "Think about the edge cases early: empty input, very large input and input that arrives slowly.",
  "A short example is often worth more than a long explanation.",
  "Clear boundaries between modules make it possible to test each part on its own.",
  "Retries help with transient failures, but only when the operation is safe to repeat.",
  "Writing the test first turns a vague requirement into something you can check.",
  "Rate limits protect a shared service, so well-behaved clients back off when they see a 429.",
  "Good defaults matter more than many options, because most people never change them.",
  "Logs are most useful when each line says who did what and how long it took.",
  "A long context window lets the model read a whole document before answering questions about it.",
  "Breaking a large task into smaller steps makes progress visible and mistakes cheaper.",
  "Naming things well is half of the documentation a project will ever need.",
  "Trade-offs are easier to discuss once the constraints are written down.",
  "Keeping state in one place avoids a whole class of synchronisation bugs.",
];

const BULLETS: Vocabulary = [
  "keep the interface small",
  "validate input at the boundary",
  "make failures visible",
  "prefer plain data over clever abstractions",
  "write down the assumptions",
  "measure the result",
  "automate the boring parts",
  "test the unhappy paths too",
];

const THOUGHTS: Vocabulary = [
  "The user wants something concrete here, so I should work out what they actually need first.",
  "I should keep the answer short and practical, with one example if it helps.",
  "Let me restate the question to myself, then give the key points in order.",
  "There may be an edge case worth mentioning, so I will check the assumptions.",
  "A short list will make the main points easier to scan.",
  "Before answering, let me double-check that the reply is consistent with the question.",
];

const CODE_SNIPPETS = {
  typescript:
    "export function chunk<T>(items: T[], size: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));\n  return out;\n}",
  python: "def chunk(items, size):\n    return [items[i:i + size] for i in range(0, len(items), size)]",
  bash: 'curl -s https://api.example.com/v1/models \\\n  -H "Authorization: Bearer $API_KEY"',
} as const;

const MENTIONS_CODE =
  /\b(code|coding|function|class|script|program|snippet|implement\w*|typescript|javascript|python|bash|shell|curl|sql|regex|bug)\b/i;

function codeLanguage(prompt: string): keyof typeof CODE_SNIPPETS {
  if (/\bpython\b/i.test(prompt)) return "python";
  if (/\b(bash|shell|curl)\b/i.test(prompt)) return "bash";
  return "typescript";
}

/** The longest word of the prompt, so the reply visibly relates to it. */
function topicOf(prompt: string): string | undefined {
  const words = prompt.match(/\p{L}[\p{L}\p{N}-]{3,}/gu) ?? [];
  return words.reduce<string | undefined>(
    (best, word) => (!best || word.length > best.length ? word : best),
    undefined,
  );
}

function composeText(rng: () => number, prompt: string, lead?: string): string {
  const topic = topicOf(prompt);
  const opening = lead ?? (topic ? `You asked about **${topic}**.` : "Here is a short answer.");
  const parts = [`${opening} ${pickSome(rng, SENTENCES, between(rng, 2, 3)).join(" ")}`];
  if (rng() < 0.5) {
    parts.push(
      `Key points:\n\n${pickSome(rng, BULLETS, 3)
        .map((item) => `- ${item}`)
        .join("\n")}`,
    );
  }
  if (MENTIONS_CODE.test(prompt)) {
    const language = codeLanguage(prompt);
    parts.push(`For example:\n\n\`\`\`${language}\n${CODE_SNIPPETS[language]}\n\`\`\``);
  }
  if (rng() < 0.5) parts.push(pickSome(rng, SENTENCES, 1).join(""));
  return parts.join("\n\n");
}

function composeJson(rng: () => number, prompt: string, lead?: string): string {
  const [answer, ...points] = pickSome(rng, SENTENCES, 3);
  return JSON.stringify({
    topic: topicOf(prompt) ?? "general",
    answer: lead ? `${lead} ${answer}` : answer,
    points,
    confidence: Math.round((0.6 + rng() * 0.39) * 100) / 100,
  });
}

// ---------------------------------------------------------------------------------------------
// Tool calls

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value that satisfies a JSON-schema fragment: required properties only, type-appropriate. */
function sampleValue(schema: unknown, key: string, depth = 0): unknown {
  if (!isRecord(schema)) return `example ${key}`;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("const" in schema) return schema.const;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null") ?? (isRecord(schema.properties) ? "object" : "string");
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  switch (type) {
    case "integer":
      return Math.ceil(minimum ?? 1);
    case "number":
      return minimum ?? 1.5;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return depth > 4 ? [] : [sampleValue(schema.items, key, depth + 1)];
    case "object": {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      const entries = required
        .filter((name): name is string => typeof name === "string")
        .map((name) => [name, depth > 4 ? null : sampleValue(properties[name], name, depth + 1)]);
      return Object.fromEntries(entries);
    }
    default:
      return `example ${key}`;
  }
}

function toolsToCall(body: SimulatorRequest, prompt: string): ToolDefinition[] {
  const tools = body.tools ?? [];
  const choice = body.tool_choice ?? "auto";
  if (tools.length === 0 || choice === "none") return [];
  if (typeof choice === "object") return tools.filter((tool) => tool.function.name === choice.function.name);
  const lower = prompt.toLowerCase();
  const mentioned = tools.filter(({ function: { name } }) => {
    const wanted = name.toLowerCase();
    return lower.includes(wanted) || lower.includes(wanted.replaceAll("_", " "));
  });
  const limit = (list: ToolDefinition[]) => (body.parallel_tool_calls === false ? list.slice(0, 1) : list);
  if (choice === "required") return limit(mentioned.length > 0 ? mentioned : tools.slice(0, 1));
  return body.messages.at(-1)?.role === "user" ? limit(mentioned) : [];
}

const randomId = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);

function makeToolCall(tool: ToolDefinition): ToolCall {
  const args = sampleValue(tool.function.parameters ?? { type: "object" }, tool.function.name);
  return {
    id: `call_${randomId()}`,
    type: "function",
    function: { name: tool.function.name, arguments: JSON.stringify(isRecord(args) ? args : {}) },
  };
}

// ---------------------------------------------------------------------------------------------
// Replies

interface Reply {
  content: string;
  reasoning?: string;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
}

interface Context {
  body: SimulatorRequest;
  prompt: string;
  thinking: boolean;
  echo: boolean;
}

function messageText(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** When the conversation ends with a tool result, the reply opens by citing it. */
function toolResultLead(messages: ChatMessage[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role !== "tool") return undefined;
  const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
  const result = messageText(last.content).trim();
  const snippet = result.length > 160 ? `${result.slice(0, 160)}…` : result;
  return `The \`${call?.function.name ?? "tool"}\` tool returned: ${snippet}.`;
}

function buildReply(ctx: Context, index: number): Reply {
  const { body, prompt } = ctx;
  const rng = seededRandom(hashString(`${body.seed ?? ""}\u0000${index}\u0000${prompt}`));
  const reasoning = ctx.thinking ? pickSome(rng, THOUGHTS, between(rng, 2, 3)).join(" ") : undefined;

  if (ctx.echo) {
    const { messages: _messages, ...params } = body;
    return { content: JSON.stringify(params), reasoning, finishReason: "stop" };
  }
  const tools = toolsToCall(body, prompt);
  if (tools.length > 0)
    return { content: "", reasoning, toolCalls: tools.map(makeToolCall), finishReason: "tool_calls" };

  const lead = toolResultLead(body.messages);
  const full =
    body.response_format?.type === "json_object"
      ? composeJson(rng, prompt, lead)
      : composeText(rng, prompt, lead);
  return applyLimits({ content: full, reasoning, finishReason: "stop" }, body);
}

/** Stop sequences cut the content; the token budget covers reasoning first, then content. */
function applyLimits(reply: Reply, body: SimulatorRequest): Reply {
  const stops = typeof body.stop === "string" ? [body.stop] : (body.stop ?? []);
  const cut = Math.min(...stops.map((s) => (s ? reply.content.indexOf(s) : -1)).filter((i) => i >= 0));
  const content = Number.isFinite(cut) ? reply.content.slice(0, cut) : reply.content;

  const limit = body.max_completion_tokens ?? body.max_tokens;
  if (limit === undefined) return { ...reply, content };
  const reasoning = reply.reasoning === undefined ? undefined : truncateToTokens(reply.reasoning, limit);
  const remaining = limit - estimateTokens(reasoning ?? "");
  const truncated = truncateToTokens(content, Math.max(0, remaining));
  const cutShort = truncated !== content || reasoning !== reply.reasoning;
  return { content: truncated, reasoning, finishReason: cutShort ? "length" : reply.finishReason };
}

function replyTokens(reply: Reply): number {
  const calls = (reply.toolCalls ?? []).map((c) => c.function.name + c.function.arguments).join("");
  return estimateTokens(reply.reasoning ?? "") + estimateTokens(reply.content) + estimateTokens(calls);
}

function promptTokens(body: SimulatorRequest): number {
  const lines = body.messages.map(
    (m) =>
      `${m.role}: ${messageText(m.content)}${m.reasoning_content ?? ""}${m.tool_calls ? JSON.stringify(m.tool_calls) : ""}`,
  );
  return estimateTokens(lines.join("\n") + (body.tools ? JSON.stringify(body.tools) : ""));
}

// ---------------------------------------------------------------------------------------------
// HTTP

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_authentication_error",
  403: "permission_denied_error",
  404: "resource_not_found_error",
  429: "rate_limit_reached_error",
};

/** An error response in the upstream's own shape. */
export function simulatorError(status: number, message: string, type?: string): Response {
  const headers: Record<string, string> = status === 429 ? { "retry-after": "1" } : {};
  const errorType = type ?? ERROR_TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  return Response.json({ error: { message, type: errorType } }, { status, headers });
}

function validate(body: SimulatorRequest, thinking: boolean): Response | undefined {
  if (body.messages.length === 0) return simulatorError(400, "messages must not be empty");
  const choice = body.tool_choice;
  if (
    typeof choice === "object" &&
    !body.tools?.some((tool) => tool.function.name === choice.function.name)
  ) {
    return simulatorError(400, `tool_choice names an unknown function: ${choice.function.name}`);
  }
  if (!thinking) return undefined;
  const index = body.messages.findIndex(
    (m) => m.role === "assistant" && m.tool_calls?.length && !m.reasoning_content,
  );
  if (index === -1) return undefined;
  return simulatorError(
    400,
    `thinking is enabled but reasoning_content is missing in assistant tool call message at index ${index}`,
  );
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const waitForAbort = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/**
 * Answers one chat-completions request like Moonshot would. Rejects with the signal's reason when
 * aborted before the response starts, like `fetch`; an abort later errors the body stream.
 */
export async function simulateChatCompletion(
  body: SimulatorRequest,
  options: SimulatorOptions = {},
): Promise<Response> {
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const lastUser = body.messages.findLast((m) => m.role === "user");
  const userText = lastUser ? messageText(lastUser.content) : "";
  const directives = readDirectives(userText, options.name);
  const thinking = options.thinking ?? body.model.includes("thinking");

  if (directives.hang) await waitForAbort(signal);
  if (options.latencyMs) await delay(options.latencyMs, signal);
  if (directives.fail) return simulatorError(directives.fail, `simulated upstream error ${directives.fail}`);
  if (options.failRate && (options.random ?? Math.random)() < options.failRate) {
    return simulatorError(500, "simulated upstream failure", "server_error");
  }
  const invalid = validate(body, thinking);
  if (invalid) return invalid;

  const ctx: Context = { body, prompt: stripDirectives(userText), thinking, echo: directives.echo };
  const replies = Array.from({ length: Math.max(1, body.n ?? 1) }, (_, index) => buildReply(ctx, index));
  const prompt = promptTokens(body);
  const completion = replies.reduce((sum, reply) => sum + replyTokens(reply), 0);
  const usage: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  const id = `chatcmpl-${randomId()}`;
  const created = Math.floor(Date.now() / 1000);
  const head = <T extends string>(object: T) => ({
    id,
    object,
    created,
    model: body.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
  });

  if (!body.stream) {
    const completionBody: ChatCompletion = {
      ...head("chat.completion"),
      choices: replies.map((reply, index) => ({
        index,
        message: {
          role: "assistant",
          content: reply.content,
          ...(reply.reasoning !== undefined && { reasoning_content: reply.reasoning }),
          ...(reply.toolCalls && { tool_calls: reply.toolCalls }),
        },
        finish_reason: reply.finishReason,
      })),
      usage,
    };
    return Response.json(completionBody);
  }

  const chunk = (choices: ChatCompletionChunk["choices"], withUsage?: Usage): Frame => {
    const value: ChatCompletionChunk = {
      ...head("chat.completion.chunk"),
      choices,
      ...(withUsage && { usage: withUsage }),
    };
    return { bytes: encodeSse(value), output: false };
  };
  const frames = replies.flatMap((reply, index) => streamFrames(reply, index, chunk));
  if (body.stream_options?.include_usage) frames.push(chunk([], usage));
  frames.push({ bytes: SSE_DONE, output: false });
  return new Response(
    framesToStream(frames, signal, directives.slowMs ?? options.chunkIntervalMs ?? 0, directives.dropAfter),
    {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Streaming

/** One SSE frame; `output` marks frames that carry generated text (what `drop-after` counts). */
interface Frame {
  bytes: Uint8Array;
  output: boolean;
}

/** Pieces of about a word each, which concatenate back to the text. */
const wordPieces = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

function streamFrames(
  reply: Reply,
  index: number,
  chunk: (choices: ChatCompletionChunk["choices"]) => Frame,
): Frame[] {
  const delta = (d: ChatCompletionChunk["choices"][number]["delta"]): Frame => ({
    ...chunk([{ index, delta: d, finish_reason: null }]),
    output: true,
  });
  const frames: Frame[] = [
    chunk([{ index, delta: { role: "assistant", content: "" }, finish_reason: null }]),
  ];
  for (const piece of wordPieces(reply.reasoning ?? "")) frames.push(delta({ reasoning_content: piece }));
  for (const piece of wordPieces(reply.content)) frames.push(delta({ content: piece }));
  (reply.toolCalls ?? []).forEach((call, callIndex) => {
    const { name, arguments: args } = call.function;
    frames.push(
      delta({
        tool_calls: [{ index: callIndex, id: call.id, type: "function", function: { name, arguments: "" } }],
      }),
    );
    const size = Math.max(1, Math.ceil(args.length / 4));
    for (let at = 0; at < args.length; at += size) {
      frames.push(
        delta({ tool_calls: [{ index: callIndex, function: { arguments: args.slice(at, at + size) } }] }),
      );
    }
  });
  frames.push(chunk([{ index, delta: {}, finish_reason: reply.finishReason }]));
  return frames;
}

/**
 * A pull-based stream, so a slow reader is never buffered ahead of. Both an abort of `signal` and a
 * cancel by the reader clear the pending timer and detach the listener: nothing outlives the stream.
 */
function framesToStream(frames: Frame[], signal: AbortSignal, intervalMs: number, dropAfter?: number) {
  const stop = new AbortController();
  let next = 0;
  let outputSent = 0;
  let onAbort = () => {};
  const finish = () => signal.removeEventListener("abort", onAbort);

  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        stop.abort(signal.reason);
        controller.error(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      if (next > 0 && intervalMs > 0) await delay(intervalMs, stop.signal);
      const frame = frames[next];
      if (frame && next > 0 && dropAfter !== undefined && outputSent >= dropAfter) {
        finish();
        return controller.error(new Error("simulated connection drop"));
      }
      if (frame) {
        controller.enqueue(frame.bytes);
        next += 1;
        if (frame.output) outputSent += 1;
      }
      if (next >= frames.length) {
        finish();
        controller.close();
      }
    },
    cancel(reason) {
      stop.abort(reason);
      finish();
    },
  });
}
