// POST /api/playground/chat — the playground's chat (OpenAI-format body, streamed), on the signed-in user's credits through the same pipeline as /api/v1.
import { abortableOf } from "@/lib/abort";
import { consumeRateLimit } from "@/lib/billing/rate-limit";
import { findStreamingMessage, writeStreamingReply } from "@/lib/data/conversations";
import { getCreditState } from "@/lib/data/users";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import { openAIEventStream, SSE_HEADERS } from "@/lib/gateway/openai-stream";
import { startChat } from "@/lib/gateway/pipeline";
import { parseJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { recordReply } from "@/lib/playground/server-reply";
import { deprecationHeaders, resolveRoutableModel } from "@/lib/providers/resolve";

export const dynamic = "force-dynamic";

// Errors keep the rate-limit, credits and request-id headers set here (lib/http/route.ts): the UI
// shows "retry in N s" from Retry-After and the balance from X-Credits-Remaining. The body is
// read after the rate limit, as the public API's is.
//
// With ?conversation=…&message=… (a "streaming" placeholder the page saved in the user's
// conversation) the reply is also written there as it streams (lib/playground/server-reply.ts).

export const POST = route({ auth: "session", requestId: true }, async ({ req, user, requestId, headers }) => {
  const startedAt = performance.now();
  const target = await saveTarget(req, user.id);
  const account = await getCreditState({ userId: user.id });
  headers.set("X-Credits-Remaining", String(account.balance));
  await consumeRateLimit({ subject: `user:${user.id}`, balance: account.balance, headers });

  const body = await parseJsonBody(req, chatRequestSchema, { limit: env().MAX_BODY_BYTES });
  const model = resolveRoutableModel(body.model);
  for (const [name, value] of Object.entries(deprecationHeaders(model))) headers.set(name, value);
  const request = applyModelRules(body, model);
  const signal = abortableOf(req.signal);
  const outcome = await startChat(
    {
      requestId,
      userId: user.id,
      apiKeyId: null,
      source: "playground",
      endpoint: "openai",
      signal,
      nextExpiryAt: account.nextExpiryAt,
    },
    model,
    request,
  ).catch(async (error: unknown) => {
    if (target) await failPlaceholder(user.id, target.messageId);
    throw error;
  });
  headers.set("X-Credits-Remaining", String(outcome.balance));
  headers.set("X-Credits-Cost", String(outcome.cost));
  headers.set("X-Upstream", outcome.upstream);
  if (outcome.kind === "json") return Response.json(outcome.completion);
  let cancelled = false;
  const chunks = target
    ? recordReply(outcome.chunks, {
        userId: user.id,
        messageId: target.messageId,
        cost: outcome.cost,
        upstream: outcome.upstream,
        gone: () => cancelled || signal.aborted,
        startedAt,
      })
    : outcome.chunks;
  const stream = openAIEventStream(chunks, {
    includeUsage: Boolean(request.stream_options?.include_usage),
    cancel: () => {
      cancelled = true;
      outcome.cancel();
    },
  });
  for (const [k, v] of Object.entries(SSE_HEADERS)) headers.set(k, v);
  return new Response(stream);
});

/** The placeholder to write the reply into, checked to be the user's own before anything is spent. */
async function saveTarget(req: Request, userId: string): Promise<{ messageId: string } | null> {
  const params = new URL(req.url).searchParams;
  const conversationId = params.get("conversation");
  const messageId = params.get("message");
  if (!conversationId && !messageId) return null;
  if (!conversationId || !messageId || !(await findStreamingMessage({ userId, conversationId, messageId })))
    throw new AppError("not_found", "Conversation not found.");
  return { messageId };
}

/** A request refused before its stream (credits, rate limit, upstream down) leaves no reply. */
async function failPlaceholder(userId: string, messageId: string) {
  await writeStreamingReply({ userId, messageId, content: "", reasoning: null, status: "failed" }).catch(
    () => false,
  );
}
