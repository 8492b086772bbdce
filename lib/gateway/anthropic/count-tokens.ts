// count_tokens: an input token estimate from what the prompt is made of.
import { TOKENS_PER_IMAGE, TOKENS_PER_MESSAGE, tokensForChars } from "@/lib/tokens";
import { flattenToolResult } from "./request";
import type { AnthropicRequest } from "./schema";

export const INPUT_TOKEN_ESTIMATE_METHOD =
  "An estimate, not the upstream tokenizer: one token per 4 characters of the system prompt, message text, " +
  "tool calls, tool results and tool definitions (rounded up), plus 4 tokens per message and 1,000 per image.";

export function estimateInputTokens(req: Pick<AnthropicRequest, "system" | "messages" | "tools">): number {
  let chars = 0;
  let images = 0;
  if (req.system)
    chars += typeof req.system === "string" ? req.system.length : sum(req.system.map((b) => b.text.length));
  for (const m of req.messages) {
    if (typeof m.content === "string") {
      chars += m.content.length;
      continue;
    }
    for (const block of m.content) {
      if (block.type === "text") chars += block.text.length;
      else if (block.type === "image") images += 1;
      else if (block.type === "thinking") chars += block.thinking.length;
      else if (block.type === "tool_use") chars += block.name.length + JSON.stringify(block.input).length;
      else if (block.type === "tool_result") {
        const flat = flattenToolResult(block.content);
        chars += flat.text.length;
        images += flat.images.length;
      }
    }
  }
  for (const t of req.tools ?? [])
    chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.input_schema).length;
  const messageCount = req.messages.length + (req.system ? 1 : 0);
  return tokensForChars(chars) + messageCount * TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
