import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { ChatCompletion } from "@/lib/wire/openai";
import {
  clearReasoning,
  dropOptionalHostedTools,
  fromChatCompletion,
  inputItems,
  parseResponsesRequest,
  type ResolvedItem,
  responseIdOfItem,
  toChatMessages,
  toChatRequest,
  toolNamesOf,
} from "./index";

const opts = { reasoningOf: clearReasoning };
const messagesOf = (body: Record<string, unknown>) => {
  const req = parseResponsesRequest({ model: "kimi-k2", ...body });
  const items = inputItems(req.input) as ResolvedItem[];
  return toChatMessages(
    req.instructions,
    items,
    opts,
    items.map((_, i) => `input[${i}]`),
  );
};

describe("parseResponsesRequest", () => {
  it.each([
    [{ tools: [{ type: "web_search" }] }, "tools[0].type", "web_search"],
    [
      { tools: [{ type: "namespace", name: "ns", tools: [{ type: "custom", name: "c" }] }] },
      "tools[0].type",
      "custom",
    ],
    [{ tools: [{ type: "function", name: "f" }, { type: "file_search" }] }, "tools[1].type", "file_search"],
    [{ tool_choice: { type: "code_interpreter" } }, "tool_choice", "code_interpreter"],
    [{ input: [{ type: "computer_call_output", call_id: "x" }] }, "input[0].type", "computer_call_output"],
    [{ background: true }, "background", "background"],
    [{ conversation: "conv_1" }, "conversation", "previous_response_id"],
    [
      { input: [{ role: "user", content: [{ type: "input_file", file_id: "f" }] }] },
      "input[0].content[0].type",
      "input_file",
    ],
    [
      { input: [{ role: "user", content: [{ type: "input_image", file_id: "f" }] }] },
      "input[0].content[0].image_url",
      "image_url",
    ],
    [{ temperature: 3 }, "temperature", "temperature"],
  ])("refuses %j with a 400 naming %s", (extra, param, word) => {
    let error: unknown;
    try {
      parseResponsesRequest({ model: "kimi-k2", input: "hi", ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_request", param });
    expect((error as Error).message).toContain(word);
  });

  it("requires input unless a previous response continues", () => {
    expect(() => parseResponsesRequest({ model: "kimi-k2" })).toThrow("input is required");
    expect(parseResponsesRequest({ model: "kimi-k2", previous_response_id: "resp_1" }).input).toBeUndefined();
  });
});

describe("items → chat messages", () => {
  it("a string is one user message after the instructions", () => {
    expect(messagesOf({ instructions: "Be brief.", input: "Hi" })).toStrictEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
  });

  it("parts, images, developer and assistant messages", () => {
    expect(
      messagesOf({
        input: [
          { role: "developer", content: [{ type: "input_text", text: "Rules" }] },
          {
            role: "user",
            content: [
              { type: "input_text", text: "What is this?" },
              { type: "input_image", image_url: "data:image/png;base64,AA", detail: "auto" },
            ],
          },
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "A dot." }] },
        ],
      }),
    ).toStrictEqual([
      { role: "system", content: "Rules" },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AA" } },
        ],
      },
      { role: "assistant", content: "A dot." },
    ]);
  });

  it("one turn's reasoning, text and calls become one assistant message; outputs become tool messages", () => {
    expect(
      messagesOf({
        input: [
          { role: "user", content: "Weather?" },
          { type: "reasoning", summary: [{ type: "summary_text", text: "Need the tool." }] },
          { type: "function_call", call_id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' },
          { type: "function_call", call_id: "c2", name: "get_time", arguments: "{}" },
          { type: "function_call_output", call_id: "c1", output: "22C" },
          { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "noon" }] },
          { type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "Now answer." }] },
          { role: "assistant", content: "Sunny at noon." },
          { role: "user", content: "Thanks" },
        ],
      }),
    ).toStrictEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "",
        reasoning_content: "Need the tool.",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "c2", type: "function", function: { name: "get_time", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "c1", name: "get_weather", content: "22C" },
      { role: "tool", tool_call_id: "c2", name: "get_time", content: "noon" },
      { role: "assistant", content: "Sunny at noon.", reasoning_content: "Now answer." },
      { role: "user", content: "Thanks" },
    ]);
  });

  it("an encrypted reasoning item is opened by the caller, with its label", () => {
    const seen: string[] = [];
    const req = parseResponsesRequest({
      model: "kimi-k2",
      input: [
        { role: "user", content: "x" },
        { type: "reasoning", summary: [], encrypted_content: "blob" },
        { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
      ],
    });
    const items = inputItems(req.input) as ResolvedItem[];
    const messages = toChatMessages(
      null,
      items,
      {
        reasoningOf: (item, at) => {
          seen.push(at);
          return `opened ${item.encrypted_content}`;
        },
      },
      items.map((_, i) => `input[${i}]`),
    );
    expect(seen).toStrictEqual(["input[1]"]);
    expect(messages[1]).toMatchObject({ role: "assistant", reasoning_content: "opened blob" });
  });
});

describe("toChatRequest", () => {
  it("maps tools, tool_choice, text.format, limits and sampling to the dialect", () => {
    const req = parseResponsesRequest({
      model: "kimi-k2",
      input: "x",
      stream: true,
      max_output_tokens: 100,
      temperature: 0.5,
      top_p: 0.8,
      parallel_tool_calls: false,
      tools: [
        { type: "function", name: "f", description: "d", parameters: { type: "object" }, strict: true },
      ],
      tool_choice: { type: "function", name: "f" },
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true } },
      safety_identifier: "u-1",
    });
    expect(toChatRequest(req, [{ role: "user", content: "x" }])).toStrictEqual({
      model: "kimi-k2",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.5,
      top_p: 0.8,
      max_tokens: 100,
      tools: [
        {
          type: "function",
          function: { name: "f", description: "d", parameters: { type: "object" }, strict: true },
        },
      ],
      tool_choice: { type: "function", function: { name: "f" } },
      parallel_tool_calls: false,
      response_format: {
        type: "json_schema",
        json_schema: { name: "out", schema: { type: "object" }, strict: true },
      },
      user: "u-1",
    });
  });
});

describe("fromChatCompletion", () => {
  const completion = (
    message: ChatCompletion["choices"][number]["message"],
    finish: "stop" | "length" | "tool_calls" = "stop",
  ): ChatCompletion => ({
    id: "c",
    object: "chat.completion",
    created: 1,
    model: "kimi-k2-thinking",
    choices: [{ index: 0, message, finish_reason: finish }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  });
  const id = `resp_${"b".repeat(32)}`;
  const ctx = {
    id,
    model: "kimi-k2-thinking",
    createdAt: 5,
    request: parseResponsesRequest({ model: "kimi-k2-thinking", input: "x", metadata: { a: "b" } }),
  };

  it("reasoning, text and tool calls become items whose ids name the response", () => {
    const res = fromChatCompletion(
      completion(
        {
          role: "assistant",
          content: "Let me check.",
          reasoning_content: "Thinking.",
          tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        "tool_calls",
      ),
      ctx,
    );
    expect(res.output.map((o) => o.type)).toStrictEqual(["reasoning", "message", "function_call"]);
    expect(res.output.map((o) => ("id" in o ? responseIdOfItem(o.id ?? "") : undefined))).toStrictEqual([
      id,
      id,
      id,
    ]);
    expect(res).toMatchObject({
      id,
      object: "response",
      status: "completed",
      created_at: 5,
      metadata: { a: "b" },
      output_text: "Let me check.",
      usage: { input_tokens: 10, output_tokens: 20, total_tokens: 30 },
    });
    expect(res.usage?.output_tokens_details.reasoning_tokens).toBe(3);
  });

  it("a reply cut by the token limit is incomplete", () => {
    const res = fromChatCompletion(completion({ role: "assistant", content: "Once" }, "length"), ctx);
    expect(res.status).toBe("incomplete");
    expect(res.incomplete_details).toStrictEqual({ reason: "max_output_tokens" });
    expect(res.output[0]).toMatchObject({ status: "incomplete" });
  });
});

describe("namespace tools and optional hosted tools", () => {
  it("flattens a namespace's functions for the upstream and names their calls back", () => {
    const req = parseResponsesRequest({
      model: "kimi-k2",
      input: [
        { role: "user", content: "close it" },
        { type: "function_call", call_id: "c1", name: "close_agent", namespace: "agents", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "closed" },
      ],
      tools: [
        { type: "function", name: "plain" },
        {
          type: "namespace",
          name: "agents",
          description: "d",
          tools: [{ type: "function", name: "close_agent" }],
        },
      ],
    });
    expect(toChatRequest(req, []).tools).toEqual([
      { type: "function", function: { name: "plain" } },
      { type: "function", function: { name: "agents__close_agent" } },
    ]);
    const names = toolNamesOf(req);
    expect(names("agents__close_agent")).toEqual({ name: "close_agent", namespace: "agents" });
    expect(names("plain")).toEqual({ name: "plain" });
    const items = inputItems(req.input) as ResolvedItem[];
    const messages = toChatMessages(req.instructions, items, opts, ["a", "b", "c"]);
    expect(messages[1]?.tool_calls?.[0]?.function.name).toBe("agents__close_agent");
    expect(messages[2]).toMatchObject({ role: "tool", tool_call_id: "c1", name: "agents__close_agent" });
  });

  it("leaves web search out and says which, keeping the other tools", () => {
    const body = {
      tools: [
        { type: "web_search", external_web_access: true },
        { type: "function", name: "f" },
      ],
    };
    expect(dropOptionalHostedTools(body)).toEqual(["web_search"]);
    expect(body.tools).toEqual([{ type: "function", name: "f" }]);
    expect(dropOptionalHostedTools({ tools: [{ type: "function", name: "f" }] })).toEqual([]);
  });
});
