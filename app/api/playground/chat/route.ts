// POST /api/playground/chat — the playground's chat (OpenAI-format body, streamed), on the signed-in user's credits through the same pipeline as /api/v1.
import { abortableOf } from "@/lib/abort";
import { consumeRateLimit } from "@/lib/billing/rate-limit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse, toAppError } from "@/lib/errors";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import { openAIEventStream, SSE_HEADERS } from "@/lib/gateway/openai-stream";
import { startChat } from "@/lib/gateway/pipeline";
import { parseJsonBody } from "@/lib/http/body";
import { withSession } from "@/lib/http/session";
import { newRequestId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { resolveRoutableModel } from "@/lib/providers/resolve";

export const dynamic = "force-dynamic";

// withSession has already checked the session and the Origin. Errors are answered here rather than
// by the wrapper so that they keep the rate-limit, credits and request-id headers: the UI shows
// "retry in N s" from Retry-After and the balance from X-Credits-Remaining.

export const POST = withSession(async ({ req, user }) => {
  const requestId = newRequestId();
  const headers = new Headers({ "X-Request-Id": requestId, "Cache-Control": "no-store" });
  try {
    const account = await db().user.findUniqueOrThrow({
      where: { id: user.id },
      select: { balance: true, nextExpiryAt: true },
    });
    headers.set("X-Credits-Remaining", String(account.balance));
    await consumeRateLimit({ subject: `user:${user.id}`, balance: account.balance, headers });

    const body = await parseJsonBody(req, chatRequestSchema, { limit: env().MAX_BODY_BYTES });
    const model = resolveRoutableModel(body.model);
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
    if (outcome.kind === "json") return Response.json(outcome.completion, { headers });
    const stream = openAIEventStream(outcome.chunks, {
      includeUsage: Boolean(request.stream_options?.include_usage),
      cancel: outcome.cancel,
    });
    for (const [k, v] of Object.entries(SSE_HEADERS)) headers.set(k, v);
    return new Response(stream, { headers });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") logger.error({ err: error, requestId }, "playground chat failed");
    if (appError.balance !== undefined) headers.set("X-Credits-Remaining", String(appError.balance));
    return errorResponse(appError, "json", headers);
  }
});
