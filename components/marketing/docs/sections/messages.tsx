import { CodeTabs } from "@/components/marketing/code-tabs";
import type { DocsContext } from "@/components/marketing/docs/context";
import { C, DataTable, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { atLeast, MESSAGES_LIMITS, range } from "@/components/marketing/docs/schema-limits";
import { CodeBlock } from "@/components/ui/code-block";

const MESSAGE_PARAMS: Array<[string, string, string, string]> = [
  ["model", "string", "required", "A model id or alias."],
  [
    "messages",
    "array",
    "required",
    "user / assistant turns; content as a string or blocks (text, image, tool_use, tool_result, thinking).",
  ],
  [
    "max_tokens",
    "integer",
    "required",
    `${atLeast(MESSAGES_LIMITS.max_tokens)} and at most the model's max output.`,
  ],
  ["system", "string | blocks", "none", "The system prompt, outside messages."],
  [
    "temperature",
    "number",
    "model default",
    `${range(MESSAGES_LIMITS.temperature)}, passed to Kimi unchanged.`,
  ],
  ["top_p", "number", "1", `${range(MESSAGES_LIMITS.top_p)}.`],
  ["top_k", "integer", "no limit", `${atLeast(MESSAGES_LIMITS.top_k)}.`],
  [
    "stop_sequences",
    "string[]",
    "none",
    `Up to ${MESSAGES_LIMITS.stop_sequences.maxItems} sequences of at most 32 bytes.`,
  ],
  ["stream", "boolean", "false", "Anthropic-style server-sent events."],
  [
    "tools / tool_choice",
    "array / object",
    "none",
    `Up to ${MESSAGES_LIMITS.tools.maxItems} tools; tool_choice auto, any, tool (by name) or none.`,
  ],
  [
    "thinking",
    "object",
    "none",
    'On kimi-k2.6 and kimi-k2.5, {type: "enabled", budget_tokens} or {type: "disabled"} switches thinking (budget not used); other models accept and ignore it.',
  ],
  ["metadata.user_id", "string", "none", "Your end-user id."],
];

export function MessagesSection({ oaBase, anBase, examples }: DocsContext) {
  return (
    <>
      <Prose>
        <C>POST /api/v1/messages</C> — Anthropic&apos;s Messages format on the same models, credits and
        limits. Point the Anthropic SDK at <C>{anBase}</C> (it appends <C>/v1/messages</C>); <C>{oaBase}</C>{" "}
        works too.
      </Prose>
      <CodeTabs examples={examples.anthropic} label="Messages example language" />
      <SubHeading>Parameters</SubHeading>
      <DataTable
        label="Messages parameters"
        head={["Parameter", "Type", "Default", "Description"]}
        rows={MESSAGE_PARAMS.map(([name, type, def, desc]) => [<C key="n">{name}</C>, type, def, desc])}
      />
      <SubHeading>Response</SubHeading>
      <CodeBlock
        language="json"
        code={`{
  "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
  "type": "message",
  "role": "assistant",
  "model": "kimi-k2-0905",
  "content": [{ "type": "text", "text": "The capital of France is Paris." }],
  "stop_reason": "end_turn",
  "stop_sequence": null,
  "usage": { "input_tokens": 15, "output_tokens": 9 }
}`}
      />
      <Prose>
        <C>stop_reason</C> is <C>end_turn</C>, <C>max_tokens</C>, <C>stop_sequence</C> or <C>tool_use</C>.
      </Prose>
    </>
  );
}

export function CreditsApiSection({ origin }: DocsContext) {
  return (
    <>
      <Prose>
        <C>GET /api/user/credits</C> with your key (or from the dashboard, signed in) returns the balance,
        live grants with their expiry, totals, average tokens per request, and usage by day (30 days) and by
        hour (48 hours).
      </Prose>
      <CodeBlock
        language="bash"
        code={`curl ${origin}/api/user/credits -H "Authorization: Bearer $KIMI_API_KEY"`}
      />
      <CodeBlock
        language="json"
        code={`{
  "object": "credits",
  "balance": 4523,
  "total_consumed": 477,
  "total_requests": 490,
  "successful_requests": 477,
  "total_tokens": 912400,
  "avg_tokens_per_request": 1913,
  "usage_by_day": [{ "date": "2026-01-30T00:00:00.000Z", "requests": 52, "errors": 1, "credits": 51, "tokens": 98211 }],
  "usage_by_hour": [{ "hour": "2026-01-30T14:00:00.000Z", "requests": 9, "errors": 0, "credits": 9, "tokens": 17002 }],
  "grants": [{ "id": "…", "source": "purchase", "amount": 5000, "remaining": 4423, "expires_at": "2026-02-28T10:00:00.000Z", "created_at": "2026-01-28T10:00:00.000Z" }]
}`}
      />
    </>
  );
}

export function SdksSection({ oaBase, anBase, examples }: DocsContext) {
  return (
    <>
      <SubHeading>OpenAI SDKs</SubHeading>
      <CodeTabs examples={examples.openai} label="OpenAI SDK language" />
      <SubHeading>Anthropic SDKs</SubHeading>
      <CodeTabs examples={examples.anthropic} label="Anthropic SDK language" />
      <SubHeading>Migrating</SubHeading>
      <Prose>
        From OpenAI: set <C>base_url</C> to <C>{oaBase}</C> and <C>model</C> to a Kimi id. From Anthropic: set
        the base URL to <C>{anBase}</C>, use a key from this site, and a Kimi model id. Nothing else changes.
      </Prose>
    </>
  );
}
