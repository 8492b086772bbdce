import type { DocsContext } from "@/components/marketing/docs/context";
import { C, DataTable, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { CodeBlock } from "@/components/ui/code-block";
import { RATE_LIMIT_TIERS } from "@/lib/billing/policy";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { MAX_JSON_DEPTH } from "@/lib/json-depth";

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
  invalid_structured_output:
    "The reply does not conform to your response_format json_schema (the message names the first violation); charged, since the model produced output.",
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

const ERROR_ROWS = (Object.keys(ERROR_DESCRIPTIONS) as ErrorCode[]).map((code) => [
  <C key="c">{code}</C>,
  String(ERROR_CODES[code].status),
  <C key="o">{ERROR_CODES[code].openai}</C>,
  <C key="a">{ERROR_CODES[code].anthropic}</C>,
  ERROR_DESCRIPTIONS[code],
]);

export function ErrorsSection() {
  return (
    <>
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
        rows={ERROR_ROWS}
      />
    </>
  );
}

export function RateLimitsSection() {
  return (
    <>
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
    </>
  );
}

export function TimeoutsSection({ env }: DocsContext) {
  return (
    <>
      <DataTable
        label="Timeouts"
        head={["Timeout", "Value", "What happens"]}
        rows={[
          ["Connect", seconds(env.UPSTREAM_CONNECT_TIMEOUT_MS), "Another provider is tried, then 504."],
          [
            "First byte",
            seconds(env.UPSTREAM_FIRST_BYTE_TIMEOUT_MS),
            "Another provider is tried, then 504; not charged.",
          ],
          ["Stream idle", seconds(env.UPSTREAM_IDLE_TIMEOUT_MS), "The stream ends with an error event."],
          [
            "Request body",
            `${formatNumber(Math.round(env.MAX_BODY_BYTES / 1024))} KiB`,
            "Larger bodies get 413.",
          ],
          [
            "JSON nesting",
            `${MAX_JSON_DEPTH} levels`,
            "A body with arrays and objects nested deeper gets 400 invalid_request.",
          ],
          [
            "Sending the request",
            seconds(env.BODY_TIMEOUT_MS),
            "Headers and body not all received by then: 408, and the connection is closed.",
          ],
        ]}
      />
      <Prose>
        Set your client&apos;s read timeout above the first-byte timeout for long thinking requests, or
        stream. If your client disconnects, the upstream request is cancelled too.
      </Prose>
    </>
  );
}
