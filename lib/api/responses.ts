// POST /api/v1/responses — the OpenAI Responses API (stream and non-stream) on the same pipeline as
// chat completions, plus GET/DELETE /api/v1/responses/{id} and GET …/{id}/input_items for stored ones.
import { deleteResponse, findResponse, saveResponse } from "@/lib/data/responses";
import { env } from "@/lib/env";
import { AppError, clipForEcho, zodToAppError } from "@/lib/errors";
import { applyModelRules, chatRequestSchema } from "@/lib/gateway/openai";
import {
  clearReasoning,
  dropOptionalHostedTools,
  ENCRYPTED_REASONING,
  fromChatCompletion,
  inputItems,
  itemId,
  newResponseId,
  openReasoning,
  parseResponsesRequest,
  type ResolvedItem,
  type ResponseContext,
  type ResponseObject,
  type ResponsesRequest,
  ResponsesStreamTranslator,
  responseIdOfItem,
  sealReasoning,
  toChatMessages,
  toChatRequest,
  toolNamesOf,
} from "@/lib/gateway/responses";
import { MAX_CHAIN_BYTES, MAX_CHAIN_ITEMS } from "@/lib/gateway/responses/limits";
import { responsesEventStream } from "@/lib/gateway/responses-stream";
import { compileSchema, type ReplyCheck, replyCheck } from "@/lib/gateway/structured-output";
import { type ApiContext, apiEventStream, apiJson, withApiKey } from "@/lib/http/api-key";
import { isRecord } from "@/lib/is-record";
import { logger } from "@/lib/logger";
import type { ModelInfo } from "@/lib/providers/catalog";
import { resolveRoutableModel } from "@/lib/providers/resolve";
import { startApiChat } from "./start-api-chat";

// The chat request's fields, as the Responses API names them, for error messages.
const PARAMS: Record<string, string> = {
  messages: "input",
  max_tokens: "max_output_tokens",
  response_format: "text.format",
  "response_format.json_schema.schema": "text.format.schema",
  "response_format.json_schema.name": "text.format.name",
};

function renamed<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppError) || !error.param) throw error;
    const top = error.param.split(".")[0] ?? error.param;
    const param = PARAMS[error.param] ?? (PARAMS[top] ? PARAMS[top] : error.param);
    if (param === error.param) throw error;
    const message = error.message.startsWith(`${error.param}:`)
      ? `${param}:${error.message.slice(error.param.length + 1)}`
      : error.message;
    throw new AppError(error.code, message, { param, cause: error });
  }
}

const notFound = (what: string, id: string, param?: string) =>
  new AppError("not_found", `${what} with id '${clipForEcho(id)}' not found.`, { param: param ?? null });

/** Items as they are kept (and listed by input_items): each with an id, content as parts. */
function keptItems(items: ResolvedItem[], responseId: string): Record<string, unknown>[] {
  const prefixes = {
    message: "msg",
    function_call: "fc",
    function_call_output: "fco",
    reasoning: "rs",
  } as const;
  return items.map((item, n) => {
    const id = item.id ?? itemId(responseId, prefixes[item.type], `i${n}`);
    if (item.type !== "message") return { ...item, id, status: item.status ?? "completed" };
    const content =
      typeof item.content !== "string"
        ? item.content
        : item.role === "assistant"
          ? [{ type: "output_text", text: item.content, annotations: [] }]
          : [{ type: "input_text", text: item.content }];
    return { ...item, id, content, status: item.status ?? "completed" };
  });
}

/** Resolves `item_reference`s (the AI SDK sends them for stored items) against the owner's responses. */
async function resolveReferences(userId: string, req: ResponsesRequest): Promise<ResolvedItem[]> {
  const items = Array.isArray(req.input) ? req.input : inputItems(req.input);
  const out: ResolvedItem[] = [];
  for (const [i, item] of items.entries()) {
    if (item.type !== "item_reference") {
      out.push(item);
      continue;
    }
    const owner = responseIdOfItem(item.id);
    const stored = owner ? await findResponse(userId, owner) : null;
    const output = Array.isArray(stored?.response.output) ? stored.response.output : [];
    const found = [...output, ...(stored?.input ?? [])].find((x) => isRecord(x) && x.id === item.id);
    if (!found) throw notFound("Item", item.id, `input[${i}].id`);
    out.push(found as ResolvedItem);
  }
  return out;
}

export const responses = withApiKey(
  "openai",
  async (context) => {
    const ignored = dropOptionalHostedTools(context.body);
    if (ignored.length > 0) context.headers.set("X-Ignored-Tools", ignored.join(", "));
    const req = parseResponsesRequest(context.body);
    const model = resolveRoutableModel(req.model);
    const userId = context.key.userId;
    const secret = env().AUTH_SECRET;

    const previous = req.previous_response_id ? await findResponse(userId, req.previous_response_id) : null;
    if (req.previous_response_id && !previous) {
      throw notFound("Previous response", req.previous_response_id, "previous_response_id");
    }
    const items = await resolveReferences(userId, req);
    const history: ResolvedItem[] = previous
      ? [
          ...(previous.history as ResolvedItem[]),
          ...(previous.input as ResolvedItem[]),
          ...((previous.response.output ?? []) as ResolvedItem[]),
        ]
      : [];
    if (
      history.length + items.length > MAX_CHAIN_ITEMS ||
      Buffer.byteLength(JSON.stringify(history)) > MAX_CHAIN_BYTES
    ) {
      throw new AppError(
        "invalid_request",
        `previous_response_id: the conversation has grown past ${MAX_CHAIN_ITEMS} items or ${MAX_CHAIN_BYTES / 1024 / 1024} MiB; start a new one.`,
        { param: "previous_response_id" },
      );
    }

    const labels = [
      ...history.map(() => "previous_response_id"),
      ...items.map((_, i) => (typeof req.input === "string" ? "input" : `input[${i}]`)),
    ];
    const messages = toChatMessages(
      req.instructions,
      [...history, ...items],
      {
        reasoningOf: (item, at) =>
          item.encrypted_content
            ? openReasoning(item.encrypted_content, userId, secret, `${at}.encrypted_content`)
            : clearReasoning(item),
      },
      labels,
    );
    const translated = chatRequestSchema.safeParse({
      ...toChatRequest(req, messages),
      ...thinkingFor(model, req.reasoning?.effort),
    });
    if (!translated.success)
      throw renamed(() => {
        throw zodToAppError(translated.error);
      });
    const request = renamed(() => applyModelRules(translated.data, model));
    const format = req.text?.format;
    const check: ReplyCheck | undefined =
      format?.type === "json_schema"
        ? replyCheck(
            renamed(() => compileSchema(format.schema)),
            format.name,
          )
        : undefined;

    const store = req.store ?? true;
    const ctx: ResponseContext = {
      id: newResponseId(),
      model: model.id,
      createdAt: Math.floor(Date.now() / 1000),
      request: req,
      toolNames: toolNamesOf(req),
      ...(req.include?.includes(ENCRYPTED_REASONING) && {
        seal: (text: string) => sealReasoning(text, userId, secret),
      }),
    };
    const keep = async (response: ResponseObject) => {
      if (!store) return;
      try {
        await saveResponse({
          id: response.id,
          userId,
          apiKeyId: context.key.id,
          model: model.id,
          previousResponseId: previous?.id ?? null,
          input: keptItems(items, response.id),
          history,
          response: response as unknown as Record<string, unknown>,
        });
      } catch (error) {
        // The call is charged and answered; a lost row only means a later 404 for this id.
        logger.error({ err: error, requestId: context.requestId }, "storing a response failed");
      }
    };

    const outcome = await startApiChat(context, "responses", model, request, check);
    if (outcome.kind === "json") {
      const response = fromChatCompletion(outcome.completion, ctx);
      await keep(response);
      return apiJson(response);
    }
    const translator = new ResponsesStreamTranslator(ctx);
    return apiEventStream(
      responsesEventStream(outcome.chunks, { translator, cancel: outcome.cancel, done: keep }),
    );
  },
  { surface: "responses" },
);

/**
 * `reasoning.effort` is the Responses API's thinking switch: on a model whose thinking can be
 * turned off, "none" and "minimal" turn it off and any other effort on; on the others it changes
 * nothing (they always or never reason), so it is accepted as it is on OpenAI's non-reasoning models.
 */
export function thinkingFor(
  model: ModelInfo,
  effort: string | null | undefined,
): { thinking?: { type: "enabled" | "disabled" } } {
  if (model.thinkingMode !== "toggle" || !effort) return {};
  return { thinking: { type: effort === "none" || effort === "minimal" ? "disabled" : "enabled" } };
}

/** The response id in `/api/v1/responses/{id}[/input_items]`. */
function idFrom(url: string): string {
  const path = url.split("?")[0] ?? "";
  return decodeURIComponent(path.split("/")[4] ?? "");
}

async function stored(ctx: ApiContext) {
  const id = idFrom(ctx.req.url);
  const row = await findResponse(ctx.key.userId, id);
  if (!row) throw notFound("Response", id);
  return row;
}

export const getResponse = withApiKey(
  "openai",
  async (ctx) => {
    const query = new URL(ctx.req.url, "http://x").searchParams;
    if (query.get("stream") === "true") {
      throw new AppError(
        "invalid_request",
        "stream: replaying a stored response as a stream is not supported.",
        {
          param: "stream",
        },
      );
    }
    return apiJson((await stored(ctx)).response);
  },
  { body: false, surface: "responses" },
);

export const deleteStoredResponse = withApiKey(
  "openai",
  async (ctx) => {
    const id = idFrom(ctx.req.url);
    if (!(await deleteResponse(ctx.key.userId, id))) throw notFound("Response", id);
    return apiJson({ id, object: "response.deleted", deleted: true });
  },
  { body: false, surface: "responses" },
);

export const listInputItems = withApiKey(
  "openai",
  async (ctx) => {
    const row = await stored(ctx);
    const query = new URL(ctx.req.url, "http://x").searchParams;
    const limitText = query.get("limit") ?? "20";
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new AppError("invalid_request", "limit: must be an integer from 1 to 100.", { param: "limit" });
    }
    const order = query.get("order") ?? "desc";
    if (order !== "asc" && order !== "desc") {
      throw new AppError("invalid_request", 'order: must be "asc" or "desc".', { param: "order" });
    }
    const all = (order === "asc" ? row.input : [...row.input].reverse()) as Array<{ id: string }>;
    const after = query.get("after");
    let start = 0;
    if (after) {
      const at = all.findIndex((item) => item.id === after);
      if (at === -1) throw notFound("Item", after, "after");
      start = at + 1;
    }
    const data = all.slice(start, start + limit);
    return apiJson({
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + limit < all.length,
    });
  },
  { body: false, surface: "responses" },
);
