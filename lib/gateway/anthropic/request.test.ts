import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/wire/openai";
import { toOpenAIRequest } from "./index";
import { req, UP } from "./test-fixtures";

describe("toOpenAIRequest", () => {
  it.each([
    {
      name: "plain text",
      body: { messages: [{ role: "user", content: "Hello" }] },
      messages: [{ role: "user", content: "Hello" }],
    },
    {
      name: "system as a string",
      body: { system: "Be brief.", messages: [{ role: "user", content: "Hi" }] },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    },
    {
      name: "system as text blocks (cache_control ignored)",
      body: {
        system: [
          { type: "text", text: "You are Kimi." },
          { type: "text", text: "Answer in French.", cache_control: { type: "ephemeral" } },
        ],
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      },
      messages: [
        { role: "system", content: "You are Kimi.\n\nAnswer in French." },
        { role: "user", content: "Hi" },
      ],
    },
    {
      name: "image blocks, base64 and url",
      body: {
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
              { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
              { type: "text", text: "What is this?" },
            ],
          },
        ],
      },
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "text", text: "What is this?" },
          ],
        },
      ],
    },
    {
      name: "assistant thinking block becomes reasoning_content",
      body: {
        messages: [
          { role: "user", content: "2+2?" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "Simple sum.", signature: "" },
              { type: "redacted_thinking", data: "opaque" },
              { type: "text", text: "4" },
            ],
          },
          { role: "user", content: "Times 3?" },
        ],
      },
      messages: [
        { role: "user", content: "2+2?" },
        { role: "assistant", content: "4", reasoning_content: "Simple sum." },
        { role: "user", content: "Times 3?" },
      ],
    },
    {
      name: "a trailing assistant turn is a prefill (Moonshot partial mode)",
      body: {
        messages: [
          { role: "user", content: "Name a colour" },
          { role: "assistant", content: "The colour is" },
        ],
      },
      messages: [
        { role: "user", content: "Name a colour" },
        { role: "assistant", content: "The colour is", partial: true },
      ],
    },
  ])("$name", ({ body, messages }) => {
    expect(toOpenAIRequest(req(body), UP)).toStrictEqual({
      model: UP.upstreamModel,
      max_tokens: 256,
      messages,
    });
  });

  it("passes sampling parameters, stop sequences, user and streaming through", () => {
    const out = toOpenAIRequest(
      req({
        messages: [{ role: "user", content: "Hi" }],
        temperature: 0.6, // Anthropic 0–1 and Kimi 0–2, passed unchanged like Kimi's own endpoint
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ["\n\nHuman:", "END"],
        metadata: { user_id: "user-42" },
        stream: true,
        thinking: { type: "enabled", budget_tokens: 2048 },
      }),
      UP,
    );
    expect(out).toStrictEqual({
      model: UP.upstreamModel,
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 256,
      temperature: 0.6,
      top_p: 0.9,
      top_k: 40,
      stop: ["\n\nHuman:", "END"],
      user: "user-42",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("translates a multi-turn tool round trip, tool results first and errors marked", () => {
    const out = toOpenAIRequest(
      req({
        tools: [
          {
            name: "get_weather",
            description: "Weather for a city",
            input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
          { name: "screenshot", input_schema: { type: "object" } },
        ],
        messages: [
          { role: "user", content: "Weather in Paris and a screenshot?" },
          {
            role: "assistant",
            content: [
              { type: "text", text: "Checking." },
              {
                type: "tool_use",
                id: "functions.get_weather:0",
                name: "get_weather",
                input: { city: "Paris" },
              },
              { type: "tool_use", id: "functions.screenshot:1", name: "screenshot", input: {} },
            ],
          },
          {
            role: "user",
            content: [
              { type: "text", text: "Be quick." },
              {
                type: "tool_result",
                tool_use_id: "functions.get_weather:0",
                content: "upstream timeout",
                is_error: true,
              },
              {
                type: "tool_result",
                tool_use_id: "functions.screenshot:1",
                content: [
                  { type: "text", text: "Captured." },
                  { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } },
                ],
              },
            ],
          },
        ],
      }),
      UP,
    );
    const expected: ChatMessage[] = [
      { role: "user", content: "Weather in Paris and a screenshot?" },
      {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          {
            id: "functions.get_weather:0",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
          {
            id: "functions.screenshot:1",
            type: "function",
            function: { name: "screenshot", arguments: "{}" },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "functions.get_weather:0",
        name: "get_weather",
        content: "Error: upstream timeout",
      },
      {
        role: "tool",
        tool_call_id: "functions.screenshot:1",
        name: "screenshot",
        content: "Captured.\n[1 image(s) in the next message]",
      },
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/" } },
          { type: "text", text: "Be quick." },
        ],
      },
    ];
    expect(out.messages).toStrictEqual(expected);
    expect(out.tools).toStrictEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
      { type: "function", function: { name: "screenshot", parameters: { type: "object" } } },
    ]);
  });

  const tools = [{ name: "lookup", input_schema: { type: "object" } }];
  it.each([
    { choice: { type: "auto" }, tool_choice: "auto", parallel: undefined },
    { choice: { type: "any" }, tool_choice: "required", parallel: undefined },
    { choice: { type: "none" }, tool_choice: "none", parallel: undefined },
    {
      choice: { type: "tool", name: "lookup" },
      tool_choice: { type: "function", function: { name: "lookup" } },
      parallel: undefined,
    },
    { choice: { type: "auto", disable_parallel_tool_use: true }, tool_choice: "auto", parallel: false },
    {
      choice: { type: "any", disable_parallel_tool_use: false },
      tool_choice: "required",
      parallel: undefined,
    },
  ])(
    "tool_choice $choice.type (disable_parallel: $choice.disable_parallel_tool_use)",
    ({ choice, tool_choice, parallel }) => {
      const out = toOpenAIRequest(
        req({ tools, tool_choice: choice, messages: [{ role: "user", content: "x" }] }),
        UP,
      );
      expect(out.tool_choice).toStrictEqual(tool_choice);
      expect(out.parallel_tool_calls).toBe(parallel);
    },
  );
});

describe("toOpenAIRequest: thinking", () => {
  const base = { model: "kimi-k2.6", max_tokens: 4096, messages: [{ role: "user", content: "Hi" }] };

  it.each([
    [{ type: "enabled", budget_tokens: 2048 }, { type: "enabled" }],
    [{ type: "adaptive" }, { type: "enabled" }],
    [{ type: "disabled" }, { type: "disabled" }],
  ])("maps %j onto a toggle model's switch as %j", (thinking, expected) => {
    const out = toOpenAIRequest(req({ ...base, thinking }), { ...UP, thinkingToggle: true });
    expect(out.thinking).toStrictEqual(expected);
  });

  it("is accepted and not sent for other models, nor when the client does not say", () => {
    expect(toOpenAIRequest(req({ ...base, thinking: { type: "disabled" } }), UP)).not.toHaveProperty(
      "thinking",
    );
    expect(toOpenAIRequest(req(base), { ...UP, thinkingToggle: true })).not.toHaveProperty("thinking");
  });
});
