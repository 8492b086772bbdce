import { z } from "zod";
import type { ModelOption } from "@/lib/playground/models";

// The playground's settings: one shape for the controls, the per-user defaults, each saved
// conversation and the request body. Stored settings are read leniently (a bad or outdated field
// falls back to the model's default) and always clamped to the current model's rules.

export const MAX_STOP_SEQUENCES = 5;
export const MAX_STOP_BYTES = 32;
export const MAX_SYSTEM_PROMPT = 100_000;
/** Top K slider's upper end; 0 means "not sent". */
export const TOP_K_MAX = 100;

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export const stopSequenceSchema = z
  .string()
  .min(1, "A stop sequence cannot be empty.")
  .refine((s) => byteLength(s) <= MAX_STOP_BYTES, `A stop sequence is at most ${MAX_STOP_BYTES} bytes.`);

export const playgroundSettingsSchema = z.object({
  model: z.string().min(1).max(100),
  systemPrompt: z.string().max(MAX_SYSTEM_PROMPT),
  temperature: z.number().min(0).max(2),
  topP: z.number().min(0).max(1),
  maxTokens: z.number().int().min(1).max(1_000_000),
  presencePenalty: z.number().min(-2).max(2),
  frequencyPenalty: z.number().min(-2).max(2),
  /** 0 = not sent. */
  topK: z.number().int().min(0).max(TOP_K_MAX),
  n: z.number().int().min(1).max(5),
  stop: z.array(stopSequenceSchema).max(MAX_STOP_SEQUENCES),
  jsonMode: z.boolean(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable(),
  /** Whether the model thinks, for models where it is a switch; absent in older records. */
  thinking: z.boolean().optional(),
});

export type PlaygroundSettings = z.infer<typeof playgroundSettingsSchema>;

export const DEFAULT_MODEL_ID = "kimi-k2.6";

export function defaultSettings(model: ModelOption): PlaygroundSettings {
  return {
    model: model.id,
    systemPrompt: "",
    temperature: model.rules.temperature.default,
    topP: model.rules.topP.default,
    maxTokens: model.defaultMaxTokens,
    presencePenalty: 0,
    frequencyPenalty: 0,
    topK: 0,
    n: 1,
    stop: [],
    jsonMode: false,
    seed: null,
    thinking: model.thinking,
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The model a settings object should run on: its own if offered, else the default, else the first. */
export function pickModel(models: readonly ModelOption[], id: string | undefined): ModelOption | undefined {
  return models.find((m) => m.id === id) ?? models.find((m) => m.id === DEFAULT_MODEL_ID) ?? models[0];
}

/** Settings valid for `model`: every value inside its ranges, unsupported options off. */
export function clampToModel(settings: PlaygroundSettings, model: ModelOption): PlaygroundSettings {
  const { rules } = model;
  return {
    ...settings,
    model: model.id,
    temperature: clamp(settings.temperature, rules.temperature.min, rules.temperature.max),
    topP: clamp(settings.topP, rules.topP.min, rules.topP.max),
    maxTokens: clamp(Math.round(settings.maxTokens), 1, model.maxOutput),
    topK: rules.topK ? clamp(settings.topK, 0, TOP_K_MAX) : 0,
    n: clamp(settings.n, 1, rules.maxN),
    jsonMode: rules.jsonMode ? settings.jsonMode : false,
    thinking: model.thinkingToggle ? (settings.thinking ?? model.thinking) : model.thinking,
  };
}

/**
 * Reads stored settings (user defaults or a conversation's) field by field: whatever is missing or
 * invalid takes the model's default, so an old or hand-edited record never breaks the page.
 */
export function readSettings(raw: unknown, models: readonly ModelOption[]): PlaygroundSettings | undefined {
  const input = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const model = pickModel(models, typeof input.model === "string" ? input.model : undefined);
  if (!model) return undefined;
  const base = defaultSettings(model);
  const shape = playgroundSettingsSchema.shape;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(shape) as Array<keyof typeof shape>) {
    if (key === "model" || !(key in input)) continue;
    const parsed = shape[key].safeParse(input[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return clampToModel(out as PlaygroundSettings, model);
}

/**
 * Moves settings to another model. Values the user left at the old model's default follow the new
 * model's default (a thinking model wants temperature 1.0); values they chose are kept if allowed.
 */
export function switchModel(
  settings: PlaygroundSettings,
  from: ModelOption,
  to: ModelOption,
): PlaygroundSettings {
  const next = { ...settings, model: to.id };
  if (settings.temperature === from.rules.temperature.default)
    next.temperature = to.rules.temperature.default;
  if (settings.topP === from.rules.topP.default) next.topP = to.rules.topP.default;
  if (settings.maxTokens === from.defaultMaxTokens) next.maxTokens = to.defaultMaxTokens;
  if (settings.thinking === from.thinking) next.thinking = to.thinking;
  return clampToModel(next, to);
}

/** The OpenAI-format message list the playground sends: the system prompt, then the turns. */
export interface TurnMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ChatBody {
  model: string;
  messages: Array<{ role: "system" | "user" | "assistant"; content: string }>;
  /** Left off where the model fixes it (the gateway would not forward it). */
  temperature?: number;
  top_p?: number;
  max_tokens: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  top_k?: number;
  n?: number;
  stop?: string[];
  response_format?: { type: "json_object" };
  seed?: number;
  thinking?: { type: "enabled" | "disabled" };
  stream?: true;
  stream_options?: { include_usage: true };
}

/**
 * The request body for these settings and turns — also what "View code" shows, so the snippets
 * reproduce exactly what the playground sends. Options left off are the ones not sent at all.
 */
export function buildChatBody(
  settings: PlaygroundSettings,
  turns: readonly TurnMessage[],
  model: ModelOption,
  options: { stream?: boolean } = {},
): ChatBody {
  const s = clampToModel(settings, model);
  const messages: ChatBody["messages"] = [];
  if (s.systemPrompt.trim()) messages.push({ role: "system", content: s.systemPrompt });
  for (const turn of turns) messages.push({ role: turn.role, content: turn.content });
  const { rules } = model;
  // Key order is what View code shows.
  const body: ChatBody = {
    model: model.id,
    messages,
    ...(rules.temperature.min !== rules.temperature.max ? { temperature: s.temperature } : {}),
    ...(rules.topP.min !== rules.topP.max ? { top_p: s.topP } : {}),
    max_tokens: s.maxTokens,
  };
  if (rules.penalties) {
    body.presence_penalty = s.presencePenalty;
    body.frequency_penalty = s.frequencyPenalty;
  }
  if (model.rules.topK && s.topK > 0) body.top_k = s.topK;
  if (s.n > 1) body.n = s.n;
  if (s.stop.length > 0) body.stop = [...s.stop];
  if (s.jsonMode) body.response_format = { type: "json_object" };
  if (model.rules.seed && s.seed !== null) body.seed = s.seed;
  if (model.thinkingToggle) body.thinking = { type: s.thinking ? "enabled" : "disabled" };
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}
