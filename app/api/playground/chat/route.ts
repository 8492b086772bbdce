// POST /api/playground/chat — the playground's chat (OpenAI-format body, streamed), on the signed-in user's credits through the same pipeline as /api/v1.
import { abortableOf } from "@/lib/abort";
import { consumeRateLimit } from "@/lib/billing/rate-limit";
import { getCreditState } from "@/lib/data/users";
import { env } from "@/lib/env";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import { openAIEventStream, SSE_HEADERS } from "@/lib/gateway/openai-stream";
import { startChat } from "@/lib/gateway/pipeline";
import { parseJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { deprecationHeaders, resolveRoutableModel } from "@/lib/providers/resolve";

export const dynamic = "force-dynamic";

// Errors keep the rate-limit, credits and request-id headers set here (lib/http/route.ts): the UI
// shows "retry in N s" from Retry-After and the balance from X-Credits-Remaining. The body is
// read after the rate limit, as the public API's is.

export const POST = route({ auth: "session", requestId: true }, async ({ req, user, requestId, headers }) => {
  const account = await getCreditState({ userId: user.id });
  headers.set("X-Credits-Remaining", String(account.balance));
  await consumeRateLimit({ subject: `user:${user.id}`, balance: account.balance, headers });

  const body = await parseJsonBody(req, chatRequestSchema, { limit: env().MAX_BODY_BYTES });
  const model = resolveRoutableModel(body.model);
  for (const [name, value] of Object.entries(deprecationHeaders(model))) headers.set(name, value);
  const request = applyModelRules(body, model);
  const outcome = await startChat(
    {
      requestId,
      userId: user.id,
      apiKeyId: null,
      source: "playground",
      endpoint: "openai",
      signal: abortableOf(req.signal),
      nextExpiryAt: account.nextExpiryAt,
    },
    model,
    request,
  );
  headers.set("X-Credits-Remaining", String(outcome.balance));
  headers.set("X-Credits-Cost", String(outcome.cost));
  headers.set("X-Upstream", outcome.upstream);
  if (outcome.kind === "json") return Response.json(outcome.completion);
  const stream = openAIEventStream(outcome.chunks, {
    includeUsage: Boolean(request.stream_options?.include_usage),
    cancel: outcome.cancel,
  });
  for (const [k, v] of Object.entries(SSE_HEADERS)) headers.set(k, v);
  return new Response(stream);
});
