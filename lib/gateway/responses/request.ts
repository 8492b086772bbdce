// Request: Responses API items → the upstream's chat-completions dialect.
import type { ChatMessage, ContentPart, ToolChoice } from "@/lib/wire/openai";
import { namespacedName, type ReasoningInputItem, type ResolvedItem, type ResponsesRequest } from "./schema";

export interface TranslateOptions {
  /** The reasoning text of a reasoning item handed back (decrypts encrypted_content); `at` names it. */
  reasoningOf: (item: ReasoningInputItem, at: string) => string;
}

/** The input as items: a string is one user message. */
export function inputItems(input: ResponsesRequest["input"]): ResolvedItem[] {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  return input as ResolvedItem[];
}

function partsOf(content: Extract<ResolvedItem, { type: "message" }>["content"]): ContentPart[] | string {
  if (typeof content === "string") return content;
  const parts: ContentPart[] = [];
  for (const p of content) {
    if (p.type === "input_image") parts.push({ type: "image_url", image_url: { url: p.image_url ?? "" } });
    else parts.push({ type: "text", text: p.type === "refusal" ? p.refusal : p.text });
  }
  const [only] = parts;
  if (parts.length === 1 && only?.type === "text") return only.text;
  return parts;
}

function plainText(content: ContentPart[] | string): string {
  return typeof content === "string"
    ? content
    : content.map((p) => (p.type === "text" ? p.text : "")).join("");
}

function outputOf(output: Extract<ResolvedItem, { type: "function_call_output" }>["output"]): string {
  if (typeof output === "string") return output;
  // Tool messages are text-only upstream; an image a tool returned is noted, not sent.
  return output.map((p) => (p.type === "input_text" ? p.text : "[image]")).join("\n");
}

/**
 * The conversation as chat messages. Consecutive output items of one turn (reasoning, message,
 * function calls) become one assistant message; reasoning goes on the assistant message after it
 * as `reasoning_content`, which thinking models need back in a tool loop.
 */
export function toChatMessages(
  instructions: string | null | undefined,
  items: ResolvedItem[],
  opts: TranslateOptions,
  /** Where each item came from, for error messages ("input[2]"). */
  labels: string[],
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions) messages.push({ role: "system", content: instructions });
  const toolNames = new Map<string, string>();
  let turn: ChatMessage | null = null;
  let reasoning = "";
  const assistant = (): ChatMessage => {
    if (!turn) {
      turn = { role: "assistant", content: "" };
      messages.push(turn);
    }
    if (reasoning) {
      turn.reasoning_content = (turn.reasoning_content ?? "") + reasoning;
      reasoning = "";
    }
    return turn;
  };
  items.forEach((item, i) => {
    switch (item.type) {
      case "message": {
        const content = partsOf(item.content);
        if (item.role === "assistant") {
          if (turn?.tool_calls?.length) turn = null;
          const message = assistant();
          message.content = `${message.content ?? ""}${plainText(content)}`;
          return;
        }
        turn = null;
        messages.push(
          item.role === "user" ? { role: "user", content } : { role: "system", content: plainText(content) },
        );
        return;
      }
      case "reasoning": {
        // Reasoning opens the next turn: what came before it in this turn is done.
        if (turn && (turn.content || turn.tool_calls?.length)) turn = null;
        reasoning += opts.reasoningOf(item, labels[i] ?? `input[${i}]`);
        return;
      }
      case "function_call": {
        const message = assistant();
        const name = item.namespace ? namespacedName(item.namespace, item.name) : item.name;
        toolNames.set(item.call_id, name);
        message.tool_calls = [
          ...(message.tool_calls ?? []),
          { id: item.call_id, type: "function", function: { name, arguments: item.arguments } },
        ];
        return;
      }
      case "function_call_output": {
        turn = null;
        const name = toolNames.get(item.call_id);
        messages.push({
          role: "tool",
          tool_call_id: item.call_id,
          ...(name && { name }),
          content: outputOf(item.output),
        });
        return;
      }
    }
  });
  return messages;
}

/** The reasoning text an item carries in the clear: its raw content, else its summary. */
export function clearReasoning(item: ReasoningInputItem): string {
  const raw = item.content?.map((c) => c.text).join("\n");
  return raw || item.summary.map((s) => s.text).join("\n");
}

function toolChoice(choice: ResponsesRequest["tool_choice"]): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === "string") return choice;
  return { type: "function", function: { name: choice.name } };
}

/** The chat-completions body for the upstream, before the catalog's rules (applyModelRules) run. */
export function toChatRequest(req: ResponsesRequest, messages: ChatMessage[]): Record<string, unknown> {
  const out: Record<string, unknown> = { model: req.model, messages };
  if (req.stream) {
    out.stream = true;
    // response.completed carries usage, so the upstream must report it.
    out.stream_options = { include_usage: true };
  }
  if (req.temperature != null) out.temperature = req.temperature;
  if (req.top_p != null) out.top_p = req.top_p;
  if (req.max_output_tokens != null) out.max_tokens = req.max_output_tokens;
  if (req.tools?.length) {
    out.tools = req.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description && { description: t.description }),
        ...(t.parameters && { parameters: t.parameters }),
        ...(t.strict != null && { strict: t.strict }),
      },
    }));
  }
  const choice = toolChoice(req.tool_choice);
  if (choice) out.tool_choice = choice;
  if (req.parallel_tool_calls != null) out.parallel_tool_calls = req.parallel_tool_calls;
  const format = req.text?.format;
  if (format?.type === "json_object") out.response_format = { type: "json_object" };
  if (format?.type === "json_schema") {
    out.response_format = {
      type: "json_schema",
      json_schema: {
        name: format.name,
        schema: format.schema,
        ...(format.description && { description: format.description }),
        ...(format.strict != null && { strict: format.strict }),
      },
    };
  }
  const user = req.user ?? req.safety_identifier;
  if (user) out.user = user;
  return out;
}
