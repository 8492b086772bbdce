import type { DocsContext } from "@/components/marketing/docs/context";
import { C, Callout, DataTable, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { CodeBlock } from "@/components/ui/code-block";
import { MAX_CHAIN_BYTES, MAX_CHAIN_ITEMS, RESPONSE_RETENTION_DAYS } from "@/lib/gateway/responses/limits";

const PARAMS: Array<[string, string, string, string]> = [
  ["model", "string", "required", "A model id or alias."],
  [
    "input",
    "string | items",
    "required*",
    "A string, or items: messages (input_text, input_image, output_text parts), function_call, function_call_output, reasoning, item_reference. *Optional with previous_response_id.",
  ],
  [
    "instructions",
    "string",
    "none",
    "A system message for this request only (not carried by previous_response_id).",
  ],
  ["stream", "boolean", "false", "Typed server-sent events, each with a sequence_number."],
  [
    "tools / tool_choice",
    "array / string | object",
    "none",
    "Function tools (the flat Responses shape); auto, none, required or a function by name.",
  ],
  ["parallel_tool_calls", "boolean", "true", "false asks for one call at a time."],
  [
    "text.format",
    "object",
    "text",
    "text, json_object, or json_schema (with strict): the reply is checked against the schema.",
  ],
  [
    "reasoning.effort",
    "string",
    "none",
    "Accepted; the thinking models reason and show it as reasoning items.",
  ],
  [
    "max_output_tokens",
    "integer",
    "model max",
    "At most the model's max output; reaching it ends the response as incomplete.",
  ],
  ["temperature / top_p", "number", "model default", "As on chat completions."],
  [
    "store",
    "boolean",
    "true",
    `Keep the response ${RESPONSE_RETENTION_DAYS} days for previous_response_id and GET.`,
  ],
  [
    "previous_response_id",
    "string",
    "none",
    "Continue one of your stored responses: its inputs and outputs come first.",
  ],
  [
    "include",
    "string[]",
    "none",
    "reasoning.encrypted_content returns reasoning as a sealed blob (for store: false).",
  ],
  ["metadata / user", "object / string", "none", "Up to 16 string pairs, echoed back; your end-user id."],
];

export function ResponsesSection({ oaBase }: DocsContext) {
  return (
    <>
      <Prose>
        <C>POST /api/v1/responses</C> — OpenAI&apos;s Responses API on the same models, credits (one per
        call), limits and headers as chat completions. Point the <C>openai</C> SDK at <C>{oaBase}</C> and call{" "}
        <C>client.responses.create</C>, <C>.stream</C> or <C>.parse</C>; the Vercel AI SDK&apos;s default{" "}
        <C>openai(model)</C> and Codex CLI speak it too.
      </Prose>
      <CodeBlock
        language="python"
        code={`from openai import OpenAI

client = OpenAI(base_url="${oaBase}", api_key="sk-kimi-...")
first = client.responses.create(model="kimi-k2", instructions="Be brief.", input="Name a planet.")
print(first.output_text)
second = client.responses.create(model="kimi-k2", previous_response_id=first.id, input="Another one?")
print(second.output_text)`}
      />
      <SubHeading>Parameters</SubHeading>
      <DataTable
        label="Responses parameters"
        head={["Parameter", "Type", "Default", "Description"]}
        rows={PARAMS.map(([name, type, def, desc]) => [<C key="n">{name}</C>, type, def, desc])}
      />
      <Prose>
        Only function tools are served (a <C>namespace</C> tool&apos;s functions too; their calls come back
        with the namespace): a hosted tool (<C>file_search</C>, <C>computer_use_preview</C>,{" "}
        <C>code_interpreter</C>, <C>image_generation</C>, <C>mcp</C>…), <C>background: true</C>,{" "}
        <C>conversation</C> or <C>prompt</C> is a 400 naming the field, and nothing is charged. Web search is
        the exception: Codex CLI attaches it to every request, so it is left out — the model is not offered it
        — and the answer names it in <C>X-Ignored-Tools</C>; forcing it with <C>tool_choice</C> is a 400.{" "}
        <C>reasoning.effort</C> switches thinking on a model where it is a switch (<C>kimi-k2.6</C>:{" "}
        <C>none</C> or <C>minimal</C> off, any other effort on) and changes nothing elsewhere.
      </Prose>
      <SubHeading>Codex CLI</SubHeading>
      <Prose>
        Declare a provider in <C>~/.codex/config.toml</C> and put your key in the environment variable it
        names (<C>export KIMI_API_KEY=sk-kimi-...</C>):
      </Prose>
      <CodeBlock
        language="toml"
        code={`model = "kimi-k2.6"
model_provider = "kimi"

[model_providers.kimi]
name = "Kimi Playground"
base_url = "${oaBase}"
env_key = "KIMI_API_KEY"
wire_api = "responses"`}
      />
      <SubHeading>Output and streaming</SubHeading>
      <Prose>
        <C>output</C> holds a <C>reasoning</C> item (thinking models; the full reasoning as its summary text),
        a <C>message</C> with <C>output_text</C>, and <C>function_call</C> items. <C>status</C> is{" "}
        <C>completed</C>, or <C>incomplete</C> with <C>incomplete_details.reason</C> <C>max_output_tokens</C>.{" "}
        <C>usage</C> gives input, output and total tokens and <C>output_tokens_details.reasoning_tokens</C>. A
        stream sends <C>response.created</C>, <C>response.in_progress</C>, then per item{" "}
        <C>response.output_item.added</C>, its parts and deltas (<C>response.output_text.delta</C>,{" "}
        <C>response.reasoning_summary_text.delta</C>, <C>response.function_call_arguments.delta</C>) and their{" "}
        <C>.done</C> events, and last <C>response.completed</C>, <C>response.incomplete</C>, or{" "}
        <C>response.failed</C> when the upstream fails mid-stream (charged once, as any stream that produced
        output).
      </Prose>
      <SubHeading>Stored responses</SubHeading>
      <Prose>
        With <C>store</C> on (the default) a response is kept {RESPONSE_RETENTION_DAYS} days, for your account
        only: <C>GET /api/v1/responses/{"{id}"}</C>, <C>DELETE</C> (answers{" "}
        <C>{`{"id":…,"object":"response.deleted","deleted":true}`}</C>), <C>GET …/input_items</C> (a list with{" "}
        <C>limit</C> 1–100, <C>order</C> asc or desc, <C>after</C>) and <C>previous_response_id</C>. After{" "}
        {RESPONSE_RETENTION_DAYS} days it is gone. Another account&apos;s id, an unknown, deleted or expired
        one is a 404, uncharged. A chain grows to at most {MAX_CHAIN_ITEMS} items or{" "}
        {MAX_CHAIN_BYTES / 1024 / 1024} MiB; past that, start a new one (400).
      </Prose>
      <Callout title="store: false and encrypted reasoning">
        With <C>store: false</C> nothing is kept. Add{" "}
        <C>include: [&quot;reasoning.encrypted_content&quot;]</C> (what Codex CLI sends) and each reasoning
        item carries <C>encrypted_content</C>: the reasoning sealed with AES-256-GCM for your account. Hand
        the item back in the next request&apos;s input and the thinking model gets its reasoning again — what
        its tool loops need. A changed blob, or one issued to another account, is a 400.
      </Callout>
    </>
  );
}
