import { describe, expect, it } from "vitest";
import { parseJsonSafe } from "@/lib/wire/json";
import type { ChatMessage } from "@/lib/wire/openai";
import { simulateChatCompletion } from ".";
import { complete, deltas, firstChoice, request, streamChunks, weatherTool } from "./test-helpers";

describe("tool calls", () => {
  const tools = [weatherTool, { type: "function" as const, function: { name: "search_web" } }];

  it.each([
    ["required", "hello", "required" as const, ["get_weather"]],
    [
      "a named function",
      "hello",
      { type: "function" as const, function: { name: "search_web" } },
      ["search_web"],
    ],
    ["auto with a mention", "call get_weather for Paris", "auto" as const, ["get_weather"]],
    ["auto with spaced mentions", "get weather, then search web", undefined, ["get_weather", "search_web"]],
    ["auto without a mention", "hello", "auto" as const, []],
    ["none", "call get_weather", "none" as const, []],
  ])("with tool_choice %s", async (_name, prompt, toolChoice, expected) => {
    const choice = firstChoice(await complete(request(prompt, { tools, tool_choice: toolChoice })));
    expect(choice.message.tool_calls?.map((c) => c.function.name) ?? []).toEqual(expected);
    expect(choice.finish_reason).toBe(expected.length > 0 ? "tool_calls" : "stop");
  });

  it("fills the required parameters with type-appropriate values", async () => {
    const choice = firstChoice(await complete(request("hi", { tools, tool_choice: "required" })));
    const call = choice.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_\w+$/);
    expect(parseJsonSafe(call?.function.arguments ?? "")).toEqual({
      city: expect.any(String),
      days: 1,
      unit: "celsius",
      detailed: true,
      tags: [expect.any(String)],
    });
  });

  it("takes string arguments from [[sim:tool-arg=name:value]] directives", async () => {
    const shell = {
      type: "function" as const,
      function: {
        name: "exec_command",
        parameters: { type: "object", properties: { cmd: { type: "string" } }, required: ["cmd"] },
      },
    };
    const prompt = "run exec_command [[sim:tool-arg=cmd:echo a:b c]] [[sim:tool-arg=workdir:/tmp]]";
    const choice = firstChoice(await complete(request(prompt, { tools: [shell] })));
    expect(choice.message.tool_calls?.map((c) => parseJsonSafe(c.function.arguments))).toEqual([
      { cmd: "echo a:b c", workdir: "/tmp" },
    ]);
  });

  it("ignores a tool-arg directive without a name", async () => {
    const choice = firstChoice(await complete(request("get_weather [[sim:tool-arg=:x]]", { tools })));
    const args = JSON.parse(choice.message.tool_calls?.[0]?.function.arguments ?? "null") as object;
    expect(Object.keys(args).sort()).toEqual(["city", "days", "detailed", "tags", "unit"]);
  });

  it("respects parallel_tool_calls: false", async () => {
    const body = request("get_weather and search_web", { tools, parallel_tool_calls: false });
    expect(firstChoice(await complete(body)).message.tool_calls).toHaveLength(1);
  });

  it("rejects a tool_choice naming an unknown function", async () => {
    const body = request("hi", { tools, tool_choice: { type: "function", function: { name: "nope" } } });
    expect((await simulateChatCompletion(body)).status).toBe(400);
  });

  it("streams the call as an id/name piece then argument fragments", async () => {
    const chunks = await streamChunks(request("hi", { tools, tool_choice: "required" }));
    const pieces = deltas(chunks).flatMap((d) => d.tool_calls ?? []);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      function: { name: "get_weather" },
    });
    const args = pieces.map((p) => p.function?.arguments ?? "").join("");
    expect(parseJsonSafe(args)).toMatchObject({ city: expect.any(String) });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("answers a tool result with text that mentions it", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
    ];
    const choice = firstChoice(await complete({ model: "kimi-k2", messages, tools, tool_choice: "auto" }));
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content).toContain('`get_weather` tool returned: {"temp":21}');
  });
});
