import Link from "next/link";
import { quickstartExamples } from "@/components/marketing/code-examples";
import { CodeTabs } from "@/components/marketing/code-tabs";
import type { DocsContext } from "@/components/marketing/docs/context";
import { C, Callout, DataTable, Prose, SubHeading } from "@/components/marketing/docs/doc-parts";
import { ModelsTable } from "@/components/marketing/models-table";
import { CodeBlock } from "@/components/ui/code-block";
import { SIGNUP_CREDITS } from "@/lib/billing/policy";

export function OverviewSection({ origin, oaBase, anBase, simulated }: DocsContext) {
  return (
    <>
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
          Kimi&apos;s wire format (streaming, reasoning, tool calls, usage). Requests, credits and limits work
          exactly as in production.
        </Callout>
      ) : null}
      <SubHeading>Quick start</SubHeading>
      <ol className="ml-5 grid list-decimal gap-1 text-muted-foreground marker:text-foreground">
        <li>
          <Link href="/register" className="font-medium text-foreground underline underline-offset-4">
            Create an account
          </Link>{" "}
          — you get {SIGNUP_CREDITS} free credits.
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
    </>
  );
}

export function AuthenticationSection() {
  return (
    <>
      <Prose>
        Every API request carries one of your keys (they start with <C>sk-kimi-</C>). Either header works on
        every endpoint; use the one your SDK sends. A revoked or expired key is refused at once with 401.
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
    </>
  );
}

export function EndpointsSection({ oaBase, models }: DocsContext) {
  return (
    <>
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
            <C key="p">/api/v1/responses</C>,
            "Bearer or X-API-Key",
            "OpenAI Responses API, streaming or not (see Responses)",
          ],
          [
            "GET / DELETE",
            <C key="p">/api/v1/responses/{"{id}"}</C>,
            "Bearer or X-API-Key",
            "A stored response (yours only), or delete it",
          ],
          [
            "GET",
            <C key="p">/api/v1/responses/{"{id}"}/input_items</C>,
            "Bearer or X-API-Key",
            "A stored response's input items (limit, order, after)",
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
          ["GET", <C key="p">/api/v1/models</C>, "either", "The models available now, OpenAI list format"],
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
    </>
  );
}

export function ModelsSection({ models }: DocsContext) {
  return (
    <>
      <Prose>
        Use the id (or an alias) in the <C>model</C> field. Aliases such as <C>moonshot/kimi-k2-preview</C>{" "}
        let code written for other providers run unchanged. Only models that can be served right now are
        listed.
      </Prose>
      <Prose>
        A <strong>deprecated</strong> model keeps working, served by its successor (routes, limits and rules
        of the successor, with the old model&apos;s thinking habit), and every answer for it carries{" "}
        <C>Deprecation</C> (RFC 9745: when it was deprecated),{" "}
        <C>{'Link: </docs#models>; rel="deprecation"'}</C> and <C>X-Model-Successor</C> naming the model to
        move to. <C>GET /v1/models</C> lists it with <C>{'"deprecated": true'}</C> and its <C>successor</C>. A{" "}
        <strong>retired</strong> id is not listed and answers 404 <C>model_not_found</C> naming its successor.
      </Prose>
      <ModelsTable models={models} detailed />
    </>
  );
}
