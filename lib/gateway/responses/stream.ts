// Streaming: chat-completion chunks → the Responses API's typed events, each with its
// sequence_number, in the order OpenAI sends them: response.created, response.in_progress, then per
// output item output_item.added, its parts and deltas, their .done events and output_item.done, and
// last response.completed (or .incomplete when max_output_tokens ran out, .failed on an upstream failure).
import type {
  ResponseError,
  ResponseFunctionToolCall,
  ResponseOutputItem,
  ResponseStreamEvent,
} from "openai/resources/responses/responses";
import type { ChatCompletionChunk, ChunkToolCallDelta, FinishReason, Usage } from "@/lib/wire/openai";
import {
  emptyResponse,
  failedResponse,
  finishedResponse,
  functionCallItem,
  itemId,
  messageItem,
  type ResponseContext,
  type ResponseObject,
  reasoningItem,
  responseUsage,
} from "./response";

// Events without their sequence number: the translator numbers them as they go out.
type Unnumbered<E> = E extends unknown ? Omit<E, "sequence_number"> : never;
type Event = Unnumbered<ResponseStreamEvent>;

interface OpenText {
  kind: "reasoning" | "message";
  index: number;
  id: string;
  text: string;
}

interface OpenCall {
  index: number;
  id: string;
  callId: string;
  name: string;
  args: string;
}

export class ResponsesStreamTranslator {
  readonly #ctx: ResponseContext;
  #sequence = 0;
  readonly #output: ResponseOutputItem[] = [];
  #text: OpenText | null = null;
  /** Open function calls by the upstream's tool-call index; they stay open until the turn moves on. */
  readonly #calls = new Map<number, OpenCall>();
  #finish: FinishReason | null = null;
  #usage: Usage | undefined;
  #reasoningChars = 0;
  #outputChars = 0;

  constructor(ctx: ResponseContext) {
    this.#ctx = ctx;
  }

  #number(events: Event[]): ResponseStreamEvent[] {
    return events.map((e) => ({ ...e, sequence_number: this.#sequence++ }) as ResponseStreamEvent);
  }

  /** response.created and response.in_progress. */
  start(): ResponseStreamEvent[] {
    const response = emptyResponse(this.#ctx);
    return this.#number([
      { type: "response.created", response },
      { type: "response.in_progress", response },
    ]);
  }

  push(chunk: ChatCompletionChunk): ResponseStreamEvent[] {
    const choice = chunk.choices.find((c) => c.index === 0);
    const reported = chunk.usage ?? choice?.usage;
    if (reported) this.#usage = reported;
    if (!choice) return [];
    const events: Event[] = [];
    const { reasoning_content: reasoning, content, tool_calls: calls } = choice.delta;
    if (reasoning) {
      this.#reasoningChars += reasoning.length;
      events.push(...this.#textDelta("reasoning", reasoning));
    }
    if (content) events.push(...this.#textDelta("message", content));
    for (const call of calls ?? []) events.push(...this.#callDelta(call));
    if (choice.finish_reason) this.#finish = choice.finish_reason;
    return this.#number(events);
  }

  /** Closes what is open and ends the response: completed, or incomplete (reason given). */
  finish(): ResponseStreamEvent[] {
    const events = [...this.#closeText(), ...this.#closeCalls()];
    const response = this.response();
    events.push(
      response.status === "incomplete"
        ? { type: "response.incomplete", response }
        : { type: "response.completed", response },
    );
    return this.#number(events);
  }

  /** The response as it ends (after finish()): what is stored. */
  response(): ResponseObject {
    const usage = responseUsage(this.#usage, this.#reasoningChars, this.#outputChars);
    return finishedResponse(this.#ctx, this.#output, this.#finish, usage);
  }

  /** The upstream failed mid-stream: response.failed, with what had been produced so far. */
  fail(error: ResponseError): ResponseStreamEvent[] {
    // What was open goes out as far as it got, marked incomplete.
    const cut = [...this.#output];
    const open = this.#text;
    if (open) {
      cut[open.index] =
        open.kind === "reasoning"
          ? reasoningItem(open.id, open.text)
          : messageItem(open.id, open.text, "incomplete");
    }
    for (const call of this.#calls.values()) {
      cut[call.index] = functionCallItem(
        call.id,
        { id: call.callId, type: "function", function: { name: call.name, arguments: call.args } },
        "incomplete",
        this.#ctx.toolNames,
      );
    }
    return this.#number([{ type: "response.failed", response: failedResponse(this.#ctx, cut, error) }]);
  }

  #add(item: ResponseOutputItem): { index: number; events: Event[] } {
    const index = this.#output.length;
    this.#output.push(item);
    return {
      index,
      events: [{ type: "response.output_item.added", output_index: index, item: structuredClone(item) }],
    };
  }

  #textDelta(kind: OpenText["kind"], delta: string): Event[] {
    const events: Event[] = [];
    if (this.#text?.kind !== kind) {
      events.push(...this.#closeText(), ...this.#closeCalls());
      const n = this.#output.length;
      const id = itemId(this.#ctx.id, kind === "reasoning" ? "rs" : "msg", n);
      if (kind === "reasoning") {
        const added = this.#add({ id, type: "reasoning", summary: [] });
        events.push(...added.events, {
          type: "response.reasoning_summary_part.added",
          item_id: id,
          output_index: added.index,
          summary_index: 0,
          part: { type: "summary_text", text: "" },
        });
      } else {
        const added = this.#add({
          id,
          type: "message",
          role: "assistant",
          status: "in_progress",
          content: [],
        });
        events.push(...added.events, {
          type: "response.content_part.added",
          item_id: id,
          output_index: added.index,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [], logprobs: [] },
        });
      }
      this.#text = { kind, index: n, id, text: "" };
    }
    const open = this.#text as OpenText;
    open.text += delta;
    this.#outputChars += delta.length;
    events.push(
      kind === "reasoning"
        ? {
            type: "response.reasoning_summary_text.delta",
            item_id: open.id,
            output_index: open.index,
            summary_index: 0,
            delta,
          }
        : {
            type: "response.output_text.delta",
            item_id: open.id,
            output_index: open.index,
            content_index: 0,
            delta,
            logprobs: [],
          },
    );
    return events;
  }

  #closeText(): Event[] {
    const open = this.#text;
    if (!open) return [];
    this.#text = null;
    const { id, index, text } = open;
    if (open.kind === "reasoning") {
      const item = reasoningItem(id, text, this.#ctx.seal);
      this.#output[index] = item;
      const part = { type: "summary_text" as const, text };
      return [
        {
          type: "response.reasoning_summary_text.done",
          item_id: id,
          output_index: index,
          summary_index: 0,
          text,
        },
        {
          type: "response.reasoning_summary_part.done",
          item_id: id,
          output_index: index,
          summary_index: 0,
          part,
        },
        { type: "response.output_item.done", output_index: index, item },
      ];
    }
    const cut = this.#finish === "length";
    const item = messageItem(id, text, cut ? "incomplete" : "completed");
    this.#output[index] = item;
    const part = { type: "output_text" as const, text, annotations: [], logprobs: [] };
    return [
      {
        type: "response.output_text.done",
        item_id: id,
        output_index: index,
        content_index: 0,
        text,
        logprobs: [],
      },
      { type: "response.content_part.done", item_id: id, output_index: index, content_index: 0, part },
      { type: "response.output_item.done", output_index: index, item },
    ];
  }

  #callDelta(delta: ChunkToolCallDelta): Event[] {
    const events: Event[] = [];
    let call = this.#calls.get(delta.index);
    if (!call) {
      events.push(...this.#closeText());
      const n = this.#output.length;
      const id = itemId(this.#ctx.id, "fc", n);
      // The dialect sends a call's id and name in its first fragment.
      call = { index: n, id, callId: delta.id || `call_${id}`, name: delta.function?.name ?? "", args: "" };
      this.#calls.set(delta.index, call);
      events.push(
        ...this.#add({
          id,
          type: "function_call",
          status: "in_progress",
          call_id: call.callId,
          ...(this.#ctx.toolNames ? this.#ctx.toolNames(call.name) : { name: call.name }),
          arguments: "",
        }).events,
      );
    }
    const args = delta.function?.arguments ?? "";
    if (args) {
      call.args += args;
      this.#outputChars += args.length;
      events.push({
        type: "response.function_call_arguments.delta",
        item_id: call.id,
        output_index: call.index,
        delta: args,
      });
    }
    return events;
  }

  #closeCalls(): Event[] {
    const events: Event[] = [];
    for (const call of this.#calls.values()) {
      const item: ResponseFunctionToolCall = functionCallItem(
        call.id,
        { id: call.callId, type: "function", function: { name: call.name, arguments: call.args } },
        "completed",
        this.#ctx.toolNames,
      );
      this.#output[call.index] = item;
      events.push(
        {
          type: "response.function_call_arguments.done",
          item_id: call.id,
          output_index: call.index,
          arguments: call.args,
        },
        { type: "response.output_item.done", output_index: call.index, item },
      );
    }
    this.#calls.clear();
    return events;
  }
}

export function encodeResponsesEvent(event: ResponseStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
