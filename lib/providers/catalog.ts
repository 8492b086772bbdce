// The one model catalog: what each public model is, its limits and parameter rules, what a
// request costs, and the upstream routes it can take, in priority order.

export type ProviderId = "moonshot" | "aimlapi" | "simulator";

export interface ModelRoute {
  provider: ProviderId;
  /** The model id the provider knows it by. */
  upstreamModel: string;
}

export interface ParameterRules {
  temperature: { min: number; max: number; default: number };
  topP: { min: number; max: number; default: number };
  /** Whether top_k is accepted (Kimi's thinking models document it). */
  topK: boolean;
  /** Highest n; 1 means n is not offered. */
  maxN: number;
  /** Whether `seed` is forwarded (kimi-k2.6 documents it). */
  seed: boolean;
  tools: boolean;
  jsonMode: boolean;
}

export interface ModelInfo {
  id: string;
  name: string;
  aliases: string[];
  description: string;
  contextWindow: number;
  maxOutput: number;
  defaultMaxTokens: number;
  thinking: boolean;
  /** Accepts image parts in messages. */
  vision: boolean;
  creditCost: number;
  rules: ParameterRules;
  routes: ModelRoute[];
  created: number;
}

const CREATED = 1_735_785_600; // 2025-01-02, as the reference API reports

const chatRules: ParameterRules = {
  temperature: { min: 0, max: 2, default: 0.6 },
  topP: { min: 0, max: 1, default: 1 },
  topK: false,
  maxN: 5,
  seed: false,
  tools: true,
  jsonMode: true,
};

const thinkingRules: ParameterRules = {
  ...chatRules,
  temperature: { min: 0, max: 2, default: 1 },
  topK: true,
};

export const MODELS: ModelInfo[] = [
  {
    id: "kimi-k2",
    name: "Kimi K2",
    aliases: ["moonshot/kimi-k2-preview"],
    description:
      "The original Kimi K2 mixture-of-experts model: strong coding, reasoning and agentic tool use.",
    contextWindow: 131_072,
    maxOutput: 32_768,
    defaultMaxTokens: 1024,
    thinking: false,
    vision: false,
    creditCost: 1,
    rules: chatRules,
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2-0711-preview" },
      { provider: "aimlapi", upstreamModel: "moonshot/kimi-k2-preview" },
      { provider: "simulator", upstreamModel: "kimi-k2-0711-preview" },
    ],
    created: CREATED,
  },
  {
    id: "kimi-k2-0905",
    name: "Kimi K2 0905",
    aliases: [],
    description: "Kimi K2 September update with a 256K context window; the recommended general model.",
    contextWindow: 262_144,
    maxOutput: 32_768,
    defaultMaxTokens: 1024,
    thinking: false,
    vision: false,
    creditCost: 1,
    rules: chatRules,
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2-0905-preview" },
      { provider: "simulator", upstreamModel: "kimi-k2-0905-preview" },
    ],
    created: CREATED,
  },
  {
    id: "kimi-k2-turbo-preview",
    name: "Kimi K2 Turbo",
    aliases: ["moonshot/kimi-k2-turbo-preview"],
    description: "The fast Kimi K2: same quality, much higher output speed, 256K context.",
    contextWindow: 262_144,
    maxOutput: 32_768,
    defaultMaxTokens: 1024,
    thinking: false,
    vision: false,
    creditCost: 1,
    rules: chatRules,
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2-turbo-preview" },
      { provider: "aimlapi", upstreamModel: "moonshot/kimi-k2-turbo-preview" },
      { provider: "simulator", upstreamModel: "kimi-k2-turbo-preview" },
    ],
    created: CREATED,
  },
  {
    id: "kimi-k2-thinking",
    name: "Kimi K2 Thinking",
    aliases: [],
    description:
      "Reasons step by step before answering (reasoning_content); best for hard problems and long agentic tasks.",
    contextWindow: 262_144,
    maxOutput: 65_536,
    defaultMaxTokens: 4096,
    thinking: true,
    vision: false,
    creditCost: 1,
    rules: thinkingRules,
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2-thinking" },
      { provider: "simulator", upstreamModel: "kimi-k2-thinking" },
    ],
    created: CREATED,
  },
  {
    id: "kimi-k2-thinking-turbo",
    name: "Kimi K2 Thinking Turbo",
    aliases: [],
    description: "The fast thinking model: visible reasoning at turbo output speed.",
    contextWindow: 262_144,
    maxOutput: 65_536,
    defaultMaxTokens: 4096,
    thinking: true,
    vision: false,
    creditCost: 1,
    rules: thinkingRules,
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2-thinking-turbo" },
      { provider: "simulator", upstreamModel: "kimi-k2-thinking-turbo" },
    ],
    created: CREATED,
  },
  {
    id: "kimi-k2.6",
    name: "Kimi K2.6",
    aliases: ["kimi-k2-6", "moonshot/kimi-k2-6"],
    description:
      "Next-generation multimodal Kimi (text and images) for long-horizon coding and agents; supports seed.",
    contextWindow: 262_144,
    maxOutput: 32_768,
    defaultMaxTokens: 1024,
    thinking: false,
    vision: true,
    creditCost: 1,
    rules: { ...chatRules, seed: true },
    routes: [
      { provider: "moonshot", upstreamModel: "kimi-k2.6" },
      { provider: "aimlapi", upstreamModel: "moonshot/kimi-k2-6" },
      { provider: "simulator", upstreamModel: "kimi-k2.6" },
    ],
    created: CREATED,
  },
];

const byId = new Map<string, ModelInfo>();
for (const model of MODELS) {
  byId.set(model.id, model);
  for (const alias of model.aliases) byId.set(alias, model);
}

/** The model for a public id or alias. */
export function findModel(id: string): ModelInfo | undefined {
  return byId.get(id);
}

/** Routes of a model that can be taken with the providers configured now. */
export function availableRoutes(model: ModelInfo, enabled: ReadonlySet<ProviderId>): ModelRoute[] {
  return model.routes.filter((r) => enabled.has(r.provider));
}

/** Models routable now, for /v1/models and the UI. */
export function publicModels(enabled: ReadonlySet<ProviderId>): ModelInfo[] {
  return MODELS.filter((m) => availableRoutes(m, enabled).length > 0);
}
