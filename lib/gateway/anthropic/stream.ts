// Streaming: OpenAI-dialect chunks → Anthropic events.

import { tokensForChars } from "@/lib/tokens";
import type { ChatCompletionChunk, FinishReason, Usage } from "@/lib/wire/openai";
import { matchedStopSequence, newToolUseId, stopInfo, usage } from "./response";
import type {
  AnthropicContentBlock,
  AnthropicDelta,
  AnthropicErrorEvent,
  AnthropicErrorType,
  AnthropicMessage,
  AnthropicStreamEvent,
} from "./types";

interface OpenBlock {
  index: number;
  kind: "thinking" | "text" | "tool";
  /** The upstream tool-call index, for tool blocks. */
  call?: number;
}

/**
 * Turns the upstream's chunk stream into Anthropic's event sequence. Blocks open and close one at a
 * time with increasing indices as the stream moves between reasoning, text and tool calls, exactly as
 * Anthropic sends them: message_start, content_block_start, ping, deltas…, content_block_stop, …,
 * message_delta, message_stop.
 */
export class AnthropicStreamTranslator {
  readonly #model: string;
  readonly #messageId: string;
  readonly #inputTokens: number | undefined;
  readonly #stopSequences: string[] | undefined;
  #nextIndex = 0;
  #open: OpenBlock | null = null;
  #pinged = false;
  /** Upstream tool-call index → our block index. */
  #toolBlocks = new Map<number, number>();
  #finish: FinishReason | null = null;
  #matchedStop: string | null = null;
  #usage: Usage | null = null;
  #outputChars = 0;

  constructor(opts: { model: string; messageId: string; inputTokens?: number; stopSequences?: string[] }) {
    this.#model = opts.model;
    this.#messageId = opts.messageId;
    this.#inputTokens = opts.inputTokens;
    this.#stopSequences = opts.stopSequences;
  }

  /** message_start. Anthropic sends its ping after the first content_block_start, and so do we. */
  start(): AnthropicStreamEvent[] {
    const message: AnthropicMessage = {
      id: this.#messageId,
      type: "message",
      role: "assistant",
      model: this.#model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: usage(this.#inputTokens ?? 0, 0),
    };
    return [{ type: "message_start", message }];
  }

  push(chunk: ChatCompletionChunk): AnthropicStreamEvent[] {
    const choice = chunk.choices.find((c) => c.index === 0);
    // Moonshot reports usage inside the choice; OpenAI in a trailing chunk with no choices.
    const reported = chunk.usage ?? choice?.usage;
    if (reported) this.#usage = reported;
    if (!choice) return [];

    const events: AnthropicStreamEvent[] = [];
    const { reasoning_content: reasoning, content: text, tool_calls: toolCalls } = choice.delta;
    if (reasoning) {
      events.push(...this.#enter({ kind: "thinking" }, { type: "thinking", thinking: "", signature: "" }));
      events.push(this.#delta({ type: "thinking_delta", thinking: reasoning }));
      this.#outputChars += reasoning.length;
    }
    if (text) {
      events.push(...this.#enter({ kind: "text" }, { type: "text", text: "", citations: null }));
      events.push(this.#delta({ type: "text_delta", text }));
      this.#outputChars += text.length;
    }
    for (const call of toolCalls ?? []) events.push(...this.#toolDelta(call));

    if (choice.finish_reason) {
      this.#finish = choice.finish_reason;
      this.#matchedStop = matchedStopSequence(choice, this.#stopSequences);
    }
    return events;
  }

  /** Closes the open block and ends the message with its stop reason and final usage. */
  finish(): AnthropicStreamEvent[] {
    const events = this.#close();
    const stop = stopInfo(this.#finish, this.#toolBlocks.size > 0, this.#matchedStop);
    events.push(
      {
        type: "message_delta",
        delta: { ...stop, container: null },
        usage: {
          // The upstream's prompt count is exact where message_start's was an estimate; the SDK
          // overwrites with it.
          input_tokens: this.#usage?.prompt_tokens ?? null,
          output_tokens: this.#usage?.completion_tokens ?? tokensForChars(this.#outputChars),
          cache_creation_input_tokens: null,
          cache_read_input_tokens: null,
          output_tokens_details: null,
          server_tool_use: null,
        },
      },
      { type: "message_stop" },
    );
    return events;
  }

  /** The payload of `event: error`, for an upstream failure after the stream started. */
  error(message: string, type: AnthropicErrorType = "api_error"): AnthropicErrorEvent {
    return { type: "error", error: { type, message } };
  }

  #toolDelta(call: NonNullable<ChatCompletionChunk["choices"][number]["delta"]["tool_calls"]>[number]) {
    const events: AnthropicStreamEvent[] = [];
    const args = call.function?.arguments ?? "";
    const known = this.#toolBlocks.get(call.index);
    if (known === undefined) {
      // The dialect sends id and name in a call's first fragment, arguments in the ones after.
      const block: AnthropicContentBlock = {
        type: "tool_use",
        id: call.id || newToolUseId(),
        name: call.function?.name ?? "",
        input: {},
        caller: { type: "direct" },
      };
      events.push(...this.#enter({ kind: "tool", call: call.index }, block));
      this.#toolBlocks.set(call.index, this.#nextIndex - 1);
    } else if (this.#open?.index !== known && args) {
      // Upstreams finish one call before starting the next; interleaved arguments cannot be expressed
      // as Anthropic blocks, and dropping them would hand the client corrupt input. Fail loudly.
      throw new Error(`Upstream interleaved the arguments of tool call ${call.index}`);
    }
    if (args) {
      events.push(this.#delta({ type: "input_json_delta", partial_json: args }));
      this.#outputChars += args.length;
    }
    return events;
  }

  /** Makes `target` the open block, closing another first; no-op when it is already open. */
  #enter(target: Omit<OpenBlock, "index">, block: AnthropicContentBlock): AnthropicStreamEvent[] {
    const open = this.#open;
    if (open && open.kind === target.kind && open.call === target.call) return [];
    const events = this.#close();
    const index = this.#nextIndex++;
    this.#open = { ...target, index };
    events.push({ type: "content_block_start", index, content_block: block });
    if (!this.#pinged) {
      this.#pinged = true;
      events.push({ type: "ping" });
    }
    return events;
  }

  #delta(delta: AnthropicDelta): AnthropicStreamEvent {
    // Only called right after #enter, so a block is open.
    return { type: "content_block_delta", index: this.#open?.index ?? 0, delta };
  }

  #close(): AnthropicStreamEvent[] {
    const open = this.#open;
    if (!open) return [];
    this.#open = null;
    const events: AnthropicStreamEvent[] = [];
    // Anthropic seals every thinking block with a signature_delta; Kimi has no signature to give.
    if (open.kind === "thinking") {
      events.push({
        type: "content_block_delta",
        index: open.index,
        delta: { type: "signature_delta", signature: "" },
      });
    }
    events.push({ type: "content_block_stop", index: open.index });
    return events;
  }
}

export function encodeAnthropicEvent(ev: AnthropicStreamEvent): string {
  return `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`;
}

// ── count_tokens ────────────────────────────────────────────────────────────────────────────────
