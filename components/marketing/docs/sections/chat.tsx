import { CodeTabs } from "@/components/marketing/code-tabs";
import type { DocsContext } from "@/components/marketing/docs/context";
import { C, DataTable, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { atLeast, CHAT_LIMITS, range } from "@/components/marketing/docs/schema-limits";
import { CodeBlock } from "@/components/ui/code-block";

const CHAT_PARAMS: Array<[string, string, string, string]> = [
  ["model", "string", "required", "A model id or alias from the table above."],
  [
    "messages",
    "array",
    "required",
    "The conversation: system, user, assistant and tool messages. User content may be text or, on vision models, text and image parts.",
  ],
  [
    "temperature",
    "number",
    "0.6 (thinking: 1.0)",
    `${range(CHAT_LIMITS.temperature)}. Lower is more deterministic. Kimi K2.6 and K2.5 fix it (1.0 thinking, 0.6 not): another value is accepted and not forwarded, as are top_p and the penalties on those models.`,
  ],
  [
    "top_p",
    "number",
    "1",
    `${range(CHAT_LIMITS.top_p)}. Nucleus sampling; adjust this or temperature, not both.`,
  ],
  ["top_k", "integer", "no limit", `${atLeast(CHAT_LIMITS.top_k)}. Only models whose rules take it.`],
  [
    "thinking",
    "object",
    "model default",
    '{"type": "enabled"} or {"type": "disabled"}: whether the model reasons first. Only on models where thinking is a switch (kimi-k2.6, kimi-k2.5; on by default); elsewhere a 400.',
  ],
  [
    "n",
    "integer",
    "1",
    `${range(CHAT_LIMITS.n)} completions per request (one credit per request, whatever n).`,
  ],
  [
    "max_tokens / max_completion_tokens",
    "integer",
    "model default",
    `${atLeast(CHAT_LIMITS.max_tokens)} and at most the model's max output. Hitting it ends with finish_reason "length".`,
  ],
  [
    "presence_penalty",
    "number",
    "0",
    `${range(CHAT_LIMITS.presence_penalty)}. Positive values favour new topics.`,
  ],
  [
    "frequency_penalty",
    "number",
    "0",
    `${range(CHAT_LIMITS.frequency_penalty)}. Positive values discourage repetition.`,
  ],
  [
    "stop",
    "string | string[]",
    "null",
    `Up to ${CHAT_LIMITS.stop.maxItems} sequences of at most 32 bytes each; not included in the output.`,
  ],
  ["stream", "boolean", "false", "Send server-sent events as tokens are generated."],
  ["stream_options.include_usage", "boolean", "false", "With stream: a final chunk carrying usage."],
  [
    "response_format",
    "object",
    '{"type":"text"}',
    '{"type":"json_object"} for JSON mode — also ask for JSON in the prompt. {"type":"json_schema","json_schema":{"name","schema","strict"?,"description"?}} for structured outputs (name: 1–64 letters, digits, _ or -): the model gets JSON mode plus the schema as an instruction, and its reply is checked against the schema — one that does not conform is a 502 invalid_structured_output (in a stream, an error event instead of [DONE]), charged because the model produced output. Formats (email, date…) and patterns are not checked.',
  ],
  [
    "tools",
    "array",
    "null",
    `Up to ${CHAT_LIMITS.tools.maxItems} function definitions (name, description, JSON-schema parameters).`,
  ],
  [
    "tool_choice",
    "string | object",
    "auto",
    '"none", "auto", "required" or {"type":"function","function":{"name":…}}.',
  ],
  ["parallel_tool_calls", "boolean", "true", "Allow several tool calls in one reply."],
  ["seed", "integer", "null", "Best-effort determinism; forwarded on models that support it (kimi-k2.6)."],
  [
    "user",
    "string",
    "null",
    `Your end-user id, up to ${CHAT_LIMITS.user.maxLength} characters, for abuse tracking.`,
  ],
];

export function ChatCompletionsSection({ examples }: DocsContext) {
  return (
    <>
      <Prose>
        <C>POST /api/v1/chat/completions</C> — OpenAI&apos;s Chat Completions format. Unknown fields are
        ignored; nothing in a request can change where it is routed.
      </Prose>
      <CodeTabs examples={examples.openai} label="Chat completions example language" />
      <SubHeading>Parameters</SubHeading>
      <DataTable
        label="Chat completion parameters"
        head={["Parameter", "Type", "Default", "Description"]}
        rows={CHAT_PARAMS.map(([name, type, def, desc]) => [<C key="n">{name}</C>, type, def, desc])}
      />
      <SubHeading>Response</SubHeading>
      <CodeBlock
        language="json"
        code={`{
  "id": "chatcmpl-9d4c2f685e3a4b2fa3c97d8e6f5c4b3a",
  "object": "chat.completion",
  "created": 1735785600,
  "model": "kimi-k2-0905",
  "choices": [
    {
      "index": 0,
      "message": { "role": "assistant", "content": "Quantum computers use qubits…" },
      "finish_reason": "stop"
    }
  ],
  "usage": { "prompt_tokens": 25, "completion_tokens": 189, "total_tokens": 214 }
}`}
      />
      <DataTable
        label="Finish reasons"
        head={["finish_reason", "Meaning"]}
        rows={[
          [<C key="s">stop</C>, "The model finished, or a stop sequence matched."],
          [<C key="l">length</C>, "max_tokens was reached."],
          [<C key="t">tool_calls</C>, "The model wants you to run one or more tools."],
        ]}
      />
    </>
  );
}

export function StreamingSection({ examples }: DocsContext) {
  return (
    <>
      <Prose>
        With <C>&quot;stream&quot;: true</C> the answer arrives as server-sent events: one <C>data:</C> line
        per chunk, then <C>data: [DONE]</C>. Thinking models send <C>reasoning_content</C> deltas before the
        answer. With <C>stream_options.include_usage</C>, a last chunk with empty <C>choices</C> carries the
        usage.
      </Prose>
      <CodeBlock
        language="text"
        title="OpenAI format"
        code={`data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"kimi-k2-thinking","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"1001 = 7 × 143…"}}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"kimi-k2-thinking","choices":[{"index":0,"delta":{"content":"No — 1,001 = 7 × 11 × 13."}}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"kimi-k2-thinking","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"kimi-k2-thinking","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":96,"total_tokens":110}}

data: [DONE]`}
      />
      <Prose>
        The Messages endpoint streams Anthropic&apos;s events: <C>message_start</C>,{" "}
        <C>content_block_start</C>, <C>content_block_delta</C> (<C>text_delta</C>, <C>thinking_delta</C>,{" "}
        <C>input_json_delta</C>), <C>content_block_stop</C>, <C>message_delta</C> (stop reason and usage) and{" "}
        <C>message_stop</C>.
      </Prose>
      <Prose>
        An error that happens before the first event is returned as a normal HTTP error with its real status.
        If the upstream fails after the stream has started, the stream ends with an error event (OpenAI
        format: <C>{'data: {"error":{…}}'}</C>; Anthropic format: <C>event: error</C>).
      </Prose>
      <CodeTabs examples={examples.streaming} label="Streaming example language" />
    </>
  );
}

export function ThinkingSection() {
  return (
    <>
      <Prose>
        <C>kimi-k2.6</C> and <C>kimi-k2.5</C> reason before they answer unless the request says{" "}
        <C>{'"thinking": {"type": "disabled"}'}</C> (<C>{'{"type": "enabled"}'}</C> turns it back on; the
        OpenAI SDKs send it through <C>extra_body</C>). On the Anthropic surface,{" "}
        <C>{'thinking: {type: "enabled", budget_tokens}'}</C> and <C>{'{type: "disabled"}'}</C> map onto it
        (Kimi has no budget; <C>budget_tokens</C> is accepted and not used). The reasoning is returned in{" "}
        <C>message.reasoning_content</C> (stream: <C>delta.reasoning_content</C>; Anthropic format:{" "}
        <C>thinking</C> blocks). Give a generous <C>max_tokens</C>, since reasoning counts toward it. The
        deprecated <C>kimi-k2-thinking</C> ids are served by kimi-k2.6 with thinking on.
      </Prose>
      <Prose>
        Kimi rejects a tool-call history replayed without the assistant&apos;s <C>reasoning_content</C>{" "}
        (“thinking is enabled but reasoning_content is missing”). Send it back when you have it; when you do
        not (many agent frameworks drop it), the gateway repairs the history so the request still succeeds.
      </Prose>
    </>
  );
}

export function ToolsSection({ oaBase }: DocsContext) {
  return (
    <>
      <Prose>
        Describe functions in <C>tools</C>; when the model wants one, the reply has <C>finish_reason</C>{" "}
        <C>tool_calls</C> and <C>message.tool_calls</C>. Run the tool and send its result back as a{" "}
        <C>{'{"role":"tool","tool_call_id":…}'}</C> message.
      </Prose>
      <CodeBlock
        language="bash"
        code={`curl ${oaBase}/chat/completions \\
  -H "Authorization: Bearer $KIMI_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "kimi-k2-0905",
    "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
    "tools": [{
      "type": "function",
      "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
          "type": "object",
          "properties": {"city": {"type": "string"}},
          "required": ["city"]
        }
      }
    }],
    "tool_choice": "auto"
  }'`}
      />
    </>
  );
}
