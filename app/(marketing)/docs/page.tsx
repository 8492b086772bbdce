import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import {
  anthropicBaseUrl,
  openAIBaseUrl,
  quickstartExamples,
  sdkExamples,
} from "@/components/marketing/code-examples";
import { CodeTabs } from "@/components/marketing/code-tabs";
import { C, Callout, DataTable, DocSection, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { DocsToc } from "@/components/marketing/docs/docs-toc";
import { ModelsTable } from "@/components/marketing/models-table";
import { CodeBlock } from "@/components/ui/code-block";
import { formatCents, PACKAGES } from "@/lib/billing/packages";
import { RATE_LIMIT_TIERS } from "@/lib/billing/tiers";
import { env } from "@/lib/env";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { MAX_JSON_DEPTH } from "@/lib/json-depth";
import { publicModels } from "@/lib/providers/catalog";
import { enabledProviders } from "@/lib/providers/registry";
import { requestOrigin } from "@/lib/request-origin";

export const metadata: Metadata = {
  title: "API documentation",
  description: "Endpoints, authentication, models, parameters, streaming, errors, rate limits and billing.",
};

export const dynamic = "force-dynamic";

const ERROR_DESCRIPTIONS: Partial<Record<ErrorCode, string>> = {
  invalid_request: `A parameter is missing, of the wrong type or out of range (param names it), or the body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
  invalid_json: "The body is not valid JSON.",
  context_length_exceeded: "The prompt plus max_tokens does not fit the model's context window.",
  model_not_found: "No model with this id or alias is available.",
  invalid_api_key: "The key is missing, malformed, revoked or expired.",
  insufficient_credits: "The balance is lower than the model's cost per request.",
  not_found: "No such endpoint.",
  method_not_allowed: "The endpoint exists but not for this HTTP method.",
  body_too_large: "The request body is larger than the limit.",
  request_timeout: "The request's headers and body did not all arrive in time; the connection is closed.",
  rate_limit_exceeded: "Over the key's per-minute, per-hour or per-day allowance; see Retry-After.",
  upstream_rate_limited: "Every upstream provider for the model is rate limiting; retry shortly.",
  internal_error: "Something failed on our side; nothing was charged.",
  upstream_error: "The model provider returned an error.",
  upstream_unavailable: "No upstream provider for the model is reachable (Anthropic format: 529).",
  upstream_timeout: "The model provider did not answer in time; nothing was charged.",
};

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

function tierRange(min: number, max: number | null): string {
  const low = Math.max(min, 1);
  return max === null ? `more than ${formatNumber(low - 1)}` : `${formatNumber(low)} – ${formatNumber(max)}`;
}

const CHAT_PARAMS: Array<[string, string, string, string]> = [
  ["model", "string", "required", "A model id or alias from the table above."],
  [
    "messages",
    "array",
    "required",
    "The conversation: system, user, assistant and tool messages. User content may be text or, on vision models, text and image parts.",
  ],
  ["temperature", "number", "0.6 (thinking: 1.0)", "0 – 2. Lower is more deterministic."],
  ["top_p", "number", "1", "0 – 1. Nucleus sampling; adjust this or temperature, not both."],
  ["top_k", "integer", "no limit", "≥ 1. Thinking models only."],
  ["n", "integer", "1", "1 – 5 completions per request (one credit per request, whatever n)."],
  [
    "max_tokens / max_completion_tokens",
    "integer",
    "model default",
    '≥ 1 and at most the model\'s max output. Hitting it ends with finish_reason "length".',
  ],
  ["presence_penalty", "number", "0", "−2 – 2. Positive values favour new topics."],
  ["frequency_penalty", "number", "0", "−2 – 2. Positive values discourage repetition."],
  [
    "stop",
    "string | string[]",
    "null",
    "Up to 5 sequences of at most 32 bytes each; not included in the output.",
  ],
  ["stream", "boolean", "false", "Send server-sent events as tokens are generated."],
  ["stream_options.include_usage", "boolean", "false", "With stream: a final chunk carrying usage."],
  [
    "response_format",
    "object",
    '{"type":"text"}',
    '{"type":"json_object"} for JSON mode — also ask for JSON in the prompt.',
  ],
  ["tools", "array", "null", "Up to 128 function definitions (name, description, JSON-schema parameters)."],
  [
    "tool_choice",
    "string | object",
    "auto",
    '"none", "auto", "required" or {"type":"function","function":{"name":…}}.',
  ],
  ["parallel_tool_calls", "boolean", "true", "Allow several tool calls in one reply."],
  ["seed", "integer", "null", "Best-effort determinism; forwarded on models that support it (kimi-k2.6)."],
  ["user", "string", "null", "Your end-user id, up to 256 characters, for abuse tracking."],
];

const MESSAGE_PARAMS: Array<[string, string, string, string]> = [
  ["model", "string", "required", "A model id or alias."],
  [
    "messages",
    "array",
    "required",
    "user / assistant turns; content as a string or blocks (text, image, tool_use, tool_result, thinking).",
  ],
  ["max_tokens", "integer", "required", "≥ 1 and at most the model's max output."],
  ["system", "string | blocks", "none", "The system prompt, outside messages."],
  ["temperature", "number", "model default", "0 – 1, passed to Kimi unchanged."],
  ["top_p", "number", "1", "0 – 1."],
  ["top_k", "integer", "no limit", "≥ 0."],
  ["stop_sequences", "string[]", "none", "Up to 5 sequences of at most 32 bytes."],
  ["stream", "boolean", "false", "Anthropic-style server-sent events."],
  [
    "tools / tool_choice",
    "array / object",
    "none",
    "Up to 128 tools; tool_choice auto, any, tool (by name) or none.",
  ],
  ["thinking", "object", "none", "Accepted for compatibility; whether a model reasons is decided by its id."],
  ["metadata.user_id", "string", "none", "Your end-user id."],
];

export default async function DocsPage() {
  const origin = requestOrigin(await headers());
  const e = env();
  const models = publicModels(enabledProviders());
  const simulated = enabledProviders().has("simulator");
  const examples = sdkExamples(origin);
  const oaBase = openAIBaseUrl(origin);
  const anBase = anthropicBaseUrl(origin);
  const errorRows = (Object.keys(ERROR_DESCRIPTIONS) as ErrorCode[]).map((code) => [
    <C key="c">{code}</C>,
    String(ERROR_CODES[code].status),
    <C key="o">{ERROR_CODES[code].openai}</C>,
    <C key="a">{ERROR_CODES[code].anthropic}</C>,
    ERROR_DESCRIPTIONS[code],
  ]);

  return (
    <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 sm:px-6 lg:grid-cols-[13rem_minmax(0,1fr)] lg:py-14">
      <aside className="hidden lg:block">
        <div className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto pb-6">
          <DocsToc />
        </div>
      </aside>
      <article className="grid min-w-0 gap-10">
        <header className="grid gap-3">
          <p className="text-sm font-medium text-brand">API reference</p>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Kimi Playground API</h1>
          <Prose className="max-w-3xl text-base">
            Programmatic access to the Kimi K2 model family in the OpenAI Chat Completions and Anthropic
            Messages formats. Every example on this page runs against this deployment as shown, once you put
            in your key.
          </Prose>
          <details className="rounded-lg border p-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium">Contents</summary>
            <div className="mt-2">
              <DocsToc />
            </div>
          </details>
        </header>

        <DocSection id="overview" title="Overview">
          <DataTable
            label="Base URLs"
            head={["", "Value"]}
            rows={[
              ["Base URL", <C key="b">{`${origin}/api`}</C>],
              ["OpenAI SDK base_url", <C key="o">{oaBase}</C>],
              ["Anthropic SDK base_url", <C key="a">{anBase}</C>],
              ["Format", "JSON over HTTPS, UTF-8; server-sent events when streaming"],
              ["CORS", "Allowed on /api/v1/* for browser clients (mind where your key ends up)"],
            ]}
          />
          {simulated ? (
            <Callout title="This deployment answers with a simulator">
              No upstream provider key is configured, so replies come from a built-in simulator that speaks
              Kimi&apos;s wire format (streaming, reasoning, tool calls, usage). Requests, credits and limits
              work exactly as in production.
            </Callout>
          ) : null}
          <SubHeading>Quick start</SubHeading>
          <ol className="ml-5 grid list-decimal gap-1 text-muted-foreground marker:text-foreground">
            <li>
              <Link href="/register" className="font-medium text-foreground underline underline-offset-4">
                Create an account
              </Link>{" "}
              — you get 100 free credits.
            </li>
            <li>
              Create a key on the{" "}
              <Link href="/keys" className="font-medium text-foreground underline underline-offset-4">
                API keys
              </Link>{" "}
              page.
            </li>
            <li>Make your first request (one credit):</li>
          </ol>
          <CodeTabs examples={quickstartExamples(origin)} label="Quick start language" />
        </DocSection>

        <DocSection id="authentication" title="Authentication">
          <Prose>
            Every API request carries one of your keys (they start with <C>sk-kimi-</C>). Either header works
            on every endpoint; use the one your SDK sends. A revoked or expired key is refused at once with
            401.
          </Prose>
          <DataTable
            label="Authentication headers"
            head={["Header", "Format", "Used by"]}
            rows={[
              [
                <C key="h">Authorization</C>,
                <C key="f">Bearer sk-kimi-…</C>,
                "OpenAI SDKs, /v1/chat/completions",
              ],
              [<C key="h">X-API-Key</C>, <C key="f">sk-kimi-…</C>, "Anthropic SDKs, /v1/messages"],
            ]}
          />
          <Prose>
            Keep keys on your server. Anyone holding a key can spend your credits until you revoke it on the{" "}
            <Link href="/keys" className="font-medium text-foreground underline underline-offset-4">
              API keys
            </Link>{" "}
            page.
          </Prose>
        </DocSection>

        <DocSection id="endpoints" title="Endpoints">
          <DataTable
            label="Endpoints"
            head={["Method", "Path", "Auth", "Purpose"]}
            rows={[
              [
                "POST",
                <C key="p">/api/v1/chat/completions</C>,
                "Bearer or X-API-Key",
                "OpenAI-format chat, streaming or not",
              ],
              [
                "POST",
                <C key="p">/api/v1/messages</C>,
                "X-API-Key or Bearer",
                "Anthropic-format messages, streaming or not",
              ],
              [
                "POST",
                <C key="p">/api/v1/messages/count_tokens</C>,
                "X-API-Key or Bearer",
                "Estimate a prompt's input tokens (free)",
              ],
              [
                "GET",
                <C key="p">/api/v1/models</C>,
                "either",
                "The models available now, OpenAI list format",
              ],
              [
                "GET",
                <C key="p">/api/user/credits</C>,
                "key or signed-in session",
                "Balance, grants and usage statistics",
              ],
              [
                "GET",
                <C key="p">/api/health</C>,
                "none",
                'Liveness: {"status":"ok"} whenever the process answers; checks no dependency',
              ],
              [
                "GET",
                <C key="p">/api/ready</C>,
                "none",
                'Readiness: 200 {"status":"ready","checks":{"database":"ok","redis":"ok"}} ("redis":"not configured" without Redis); 503 {"status":"not ready"} naming the check that failed ("unavailable", or "server":"draining" while stopping)',
              ],
            ]}
          />
          <SubHeading>List models</SubHeading>
          <CodeBlock
            language="json"
            title={`GET ${oaBase}/models`}
            code={JSON.stringify(
              {
                object: "list",
                data: models
                  .slice(0, 2)
                  .map((m) => ({ id: m.id, object: "model", created: m.created, owned_by: "moonshot-ai" })),
              },
              null,
              2,
            )}
          />
        </DocSection>

        <DocSection id="models" title="Models">
          <Prose>
            Use the id (or an alias) in the <C>model</C> field. Aliases such as{" "}
            <C>moonshot/kimi-k2-preview</C> let code written for other providers run unchanged. Only models
            that can be served right now are listed.
          </Prose>
          <ModelsTable models={models} detailed />
        </DocSection>

        <DocSection id="chat-completions" title="Chat completions">
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
        </DocSection>

        <DocSection id="streaming" title="Streaming">
          <Prose>
            With <C>&quot;stream&quot;: true</C> the answer arrives as server-sent events: one <C>data:</C>{" "}
            line per chunk, then <C>data: [DONE]</C>. Thinking models send <C>reasoning_content</C> deltas
            before the answer. With <C>stream_options.include_usage</C>, a last chunk with empty{" "}
            <C>choices</C> carries the usage.
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
            <C>input_json_delta</C>), <C>content_block_stop</C>, <C>message_delta</C> (stop reason and usage)
            and <C>message_stop</C>.
          </Prose>
          <Prose>
            An error that happens before the first event is returned as a normal HTTP error with its real
            status. If the upstream fails after the stream has started, the stream ends with an error event
            (OpenAI format: <C>{'data: {"error":{…}}'}</C>; Anthropic format: <C>event: error</C>).
          </Prose>
          <CodeTabs examples={examples.streaming} label="Streaming example language" />
        </DocSection>

        <DocSection id="thinking" title="Thinking models">
          <Prose>
            <C>kimi-k2-thinking</C> and <C>kimi-k2-thinking-turbo</C> reason before they answer. The reasoning
            is returned in <C>message.reasoning_content</C> (stream: <C>delta.reasoning_content</C>; Anthropic
            format: <C>thinking</C> blocks). Recommended: temperature 1.0 and a generous <C>max_tokens</C> (≥
            16,000), since reasoning counts toward it.
          </Prose>
          <Prose>
            Kimi rejects a tool-call history replayed without the assistant&apos;s <C>reasoning_content</C>{" "}
            (“thinking is enabled but reasoning_content is missing”). Send it back when you have it; when you
            do not (many agent frameworks drop it), the gateway repairs the history so the request still
            succeeds.
          </Prose>
        </DocSection>

        <DocSection id="tools" title="Tool calling">
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
        </DocSection>

        <DocSection id="messages" title="Messages (Anthropic format)">
          <Prose>
            <C>POST /api/v1/messages</C> — Anthropic&apos;s Messages format on the same models, credits and
            limits. Point the Anthropic SDK at <C>{anBase}</C> (it appends <C>/v1/messages</C>);{" "}
            <C>{oaBase}</C> works too.
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
        </DocSection>

        <DocSection id="credits-endpoint" title="Credits & usage API">
          <Prose>
            <C>GET /api/user/credits</C> with your key (or from the dashboard, signed in) returns the balance,
            live grants with their expiry, totals, average tokens per request, and usage by day (30 days) and
            by hour (48 hours).
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
        </DocSection>

        <DocSection id="errors" title="Errors">
          <Prose>
            Errors use the format of the endpoint you called, with a real HTTP status (never 200 with an error
            inside). Retry 429 and 5xx with exponential backoff and jitter; do not retry other 4xx unchanged.
          </Prose>
          <div className="grid gap-4 md:grid-cols-2">
            <CodeBlock
              language="json"
              title="OpenAI format (/v1/chat/completions)"
              code={`{
  "error": {
    "message": "Invalid API key provided",
    "type": "invalid_request_error",
    "code": "invalid_api_key",
    "param": null
  }
}`}
            />
            <CodeBlock
              language="json"
              title="Anthropic format (/v1/messages)"
              code={`{
  "type": "error",
  "error": {
    "type": "authentication_error",
    "message": "Invalid API key provided"
  }
}`}
            />
          </div>
          <DataTable
            label="Error codes"
            head={["code", "HTTP", "OpenAI type", "Anthropic type", "Meaning"]}
            numeric={[1]}
            rows={errorRows}
          />
        </DocSection>

        <DocSection id="rate-limits" title="Rate limits">
          <Prose>
            Limits apply per API key; the tier follows your account&apos;s current balance, so buying credits
            raises them at once.
          </Prose>
          <DataTable
            label="Rate limit tiers"
            head={["Credit balance", "Requests / minute", "Requests / hour", "Requests / day"]}
            numeric={[1, 2, 3]}
            rows={RATE_LIMIT_TIERS.map((t) => [
              tierRange(t.minBalance, t.maxBalance),
              formatNumber(t.perMinute),
              formatNumber(t.perHour),
              formatNumber(t.perDay),
            ])}
          />
          <SubHeading>Response headers</SubHeading>
          <DataTable
            label="Response headers"
            head={["Header", "Meaning"]}
            rows={[
              [<C key="h">X-RateLimit-Limit</C>, "Requests allowed in the current minute."],
              [<C key="h">X-RateLimit-Remaining</C>, "Requests left in the current minute."],
              [<C key="h">X-RateLimit-Reset</C>, "Unix time (seconds) when the minute window resets."],
              [<C key="h">Retry-After</C>, "On 429: seconds to wait before retrying."],
              [
                <C key="h">X-Credits-Remaining</C>,
                "On chat requests only: your balance right after this request's charge (or its refund, if it failed upstream); on a 403 insufficient_credits, your balance at the refusal. Absent when the request was refused before any charge (invalid body, unknown model, 429) and on other endpoints — ask GET /api/user/credits.",
              ],
              [<C key="h">X-Request-Id</C>, "This request's id — quote it when you contact us."],
            ]}
          />
        </DocSection>

        <DocSection id="billing" title="Credits & billing">
          <ul className="ml-5 grid list-disc gap-1.5 text-muted-foreground">
            <li>
              <strong>1 credit = 1 successful request</strong>, whatever its length (the per-model cost is in
              the models table).
            </li>
            <li>Credits are reserved when a request starts and refunded in full if it fails.</li>
            <li>Never charged: 4xx errors, 5xx errors, 429 rate limits and timeouts.</li>
            <li>
              <strong>Streams:</strong> a stream is charged once if the model produced any output (text,
              reasoning or a tool call), even if it is cut off afterwards or you disconnect; a stream that
              fails before any output is free. A request is never charged twice.
            </li>
            <li>
              Your balance can never go below zero; a request you cannot afford gets 403 insufficient_credits.
            </li>
            <li>
              New accounts get 100 free credits that never expire. Spending uses the credits that expire
              soonest first.
            </li>
            <li>
              Invites: 50 credits when someone registers with your code, 500 when they first buy credits — see{" "}
              <Link href="/invite" className="font-medium text-foreground underline underline-offset-4">
                Invite
              </Link>
              .
            </li>
          </ul>
          <DataTable
            label="Credit packages"
            head={["Package", "Credits", "Price", "Per credit", "Validity"]}
            numeric={[1, 2, 3]}
            rows={[
              ...PACKAGES.map((p) => [
                p.name,
                formatNumber(p.credits),
                formatCents(p.priceCents),
                `$${(p.priceCents / 100 / p.credits).toFixed(4)}`,
                p.validityMonths === null
                  ? "No expiry"
                  : `${p.validityMonths} month${p.validityMonths > 1 ? "s" : ""}`,
              ]),
              ["Enterprise", "Custom", "Contact us", "Custom", "Custom"],
            ]}
          />
          <Prose>
            Buy credits on the{" "}
            <Link href="/pricing" className="font-medium text-foreground underline underline-offset-4">
              pricing page
            </Link>
            ; follow your usage on{" "}
            <Link href="/my-credits" className="font-medium text-foreground underline underline-offset-4">
              Credits
            </Link>
            , in the <C>X-Credits-Remaining</C> header, or with <C>GET /api/user/credits</C>.
          </Prose>
        </DocSection>

        <DocSection id="timeouts" title="Timeouts">
          <DataTable
            label="Timeouts"
            head={["Timeout", "Value", "What happens"]}
            rows={[
              ["Connect", seconds(e.UPSTREAM_CONNECT_TIMEOUT_MS), "Another provider is tried, then 504."],
              [
                "First byte",
                seconds(e.UPSTREAM_FIRST_BYTE_TIMEOUT_MS),
                "Another provider is tried, then 504; not charged.",
              ],
              ["Stream idle", seconds(e.UPSTREAM_IDLE_TIMEOUT_MS), "The stream ends with an error event."],
              [
                "Request body",
                `${formatNumber(Math.round(e.MAX_BODY_BYTES / 1024))} KiB`,
                "Larger bodies get 413.",
              ],
              [
                "JSON nesting",
                `${MAX_JSON_DEPTH} levels`,
                "A body with arrays and objects nested deeper gets 400 invalid_request.",
              ],
              [
                "Sending the request",
                seconds(e.BODY_TIMEOUT_MS),
                "Headers and body not all received by then: 408, and the connection is closed.",
              ],
            ]}
          />
          <Prose>
            Set your client&apos;s read timeout above the first-byte timeout for long thinking requests, or
            stream. If your client disconnects, the upstream request is cancelled too.
          </Prose>
        </DocSection>

        <DocSection id="sdks" title="SDK examples">
          <SubHeading>OpenAI SDKs</SubHeading>
          <CodeTabs examples={examples.openai} label="OpenAI SDK language" />
          <SubHeading>Anthropic SDKs</SubHeading>
          <CodeTabs examples={examples.anthropic} label="Anthropic SDK language" />
          <SubHeading>Migrating</SubHeading>
          <Prose>
            From OpenAI: set <C>base_url</C> to <C>{oaBase}</C> and <C>model</C> to a Kimi id. From Anthropic:
            set the base URL to <C>{anBase}</C>, use a key from this site, and a Kimi model id. Nothing else
            changes.
          </Prose>
        </DocSection>
      </article>
    </div>
  );
}
