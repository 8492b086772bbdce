// Request: Anthropic → the upstream's OpenAI-style dialect.
import type {
  ChatCompletionRequest,
  ChatMessage,
  ContentPart,
  ToolCall,
  ToolChoice,
} from "@/lib/wire/openai";
import type {
  AnthropicRequest,
  AssistantContent,
  ImageBlock,
  ToolResultContent,
  UserContent,
} from "./schema";

export function toOpenAIRequest(
  req: AnthropicRequest,
  /** thinkingToggle: the model switches thinking per request, so `thinking` maps onto it. */
  opts: { upstreamModel: string; thinkingToggle?: boolean },
): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  // Claude Code and others split the system prompt into several blocks; a blank line keeps them apart.
  const system = typeof req.system === "string" ? req.system : req.system?.map((b) => b.text).join("\n\n");
  if (system) messages.push({ role: "system", content: system });

  // Kimi's tool messages carry the function name; Anthropic's tool_result only has the call id.
  const toolNames = new Map<string, string>();
  for (const m of req.messages) {
    messages.push(
      ...(m.role === "user" ? userMessages(m.content, toolNames) : [assistantMessage(m.content, toolNames)]),
    );
  }
  // A trailing assistant turn is a prefill; Moonshot's partial mode continues it the same way.
  const last = messages.at(-1);
  if (last?.role === "assistant" && !last.tool_calls && last.content) last.partial = true;

  const out: ChatCompletionRequest = { model: opts.upstreamModel, messages, max_tokens: req.max_tokens };
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.top_p !== undefined) out.top_p = req.top_p;
  if (req.top_k !== undefined) out.top_k = req.top_k;
  if (req.stop_sequences?.length) out.stop = req.stop_sequences;
  if (req.metadata?.user_id) out.user = req.metadata.user_id;
  if (opts.thinkingToggle && req.thinking)
    out.thinking = { type: req.thinking.type === "disabled" ? "disabled" : "enabled" };
  if (req.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  if (req.tools?.length) {
    out.tools = req.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description && { description: t.description }),
        parameters: t.input_schema,
      },
    }));
  }
  if (req.tool_choice) {
    out.tool_choice = toOpenAIToolChoice(req.tool_choice);
    if ("disable_parallel_tool_use" in req.tool_choice && req.tool_choice.disable_parallel_tool_use) {
      out.parallel_tool_calls = false;
    }
  }
  return out;
}

function toOpenAIToolChoice(choice: NonNullable<AnthropicRequest["tool_choice"]>): ToolChoice {
  switch (choice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: choice.name } };
  }
}

function imagePart(block: ImageBlock): ContentPart {
  const { source } = block;
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: "image_url", image_url: { url } };
}

/**
 * One Anthropic user turn becomes its tool results as `role: "tool"` messages (the dialect requires
 * them right after the assistant's tool calls), then a user message with whatever else it held.
 */
function userMessages(content: UserContent, toolNames: Map<string, string>): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const out: ChatMessage[] = [];
  const toolImages: ContentPart[] = [];
  const parts: ContentPart[] = [];
  for (const block of content) {
    if (block.type === "text") parts.push({ type: "text", text: block.text });
    else if (block.type === "image") parts.push(imagePart(block));
    else {
      const { text, images } = flattenToolResult(block.content);
      // Tool messages are text-only upstream; images a tool returned ride in the user message after.
      toolImages.push(...images);
      const note = images.length ? `${text ? "\n" : ""}[${images.length} image(s) in the next message]` : "";
      const name = toolNames.get(block.tool_use_id);
      out.push({
        role: "tool",
        tool_call_id: block.tool_use_id,
        ...(name && { name }),
        content: `${block.is_error ? "Error: " : ""}${text}${note}`,
      });
    }
  }
  const all = [...toolImages, ...parts];
  const [only] = all;
  if (all.length === 1 && only?.type === "text") out.push({ role: "user", content: only.text });
  else if (all.length > 0) out.push({ role: "user", content: all });
  return out;
}

export function flattenToolResult(content: ToolResultContent): { text: string; images: ContentPart[] } {
  if (content === undefined || typeof content === "string") return { text: content ?? "", images: [] };
  const texts: string[] = [];
  const images: ContentPart[] = [];
  for (const block of content) {
    if (block.type === "text") texts.push(block.text);
    else images.push(imagePart(block));
  }
  return { text: texts.join("\n"), images };
}

function assistantMessage(content: AssistantContent, toolNames: Map<string, string>): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const block of content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "thinking") reasoning += block.thinking;
    else if (block.type === "tool_use") {
      toolNames.set(block.id, block.name);
      toolCalls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    }
  }
  // Kimi answers tool calls with content "" rather than null and accepts the same back.
  const out: ChatMessage = { role: "assistant", content: text };
  if (reasoning) out.reasoning_content = reasoning;
  if (toolCalls.length) out.tool_calls = toolCalls;
  return out;
}
