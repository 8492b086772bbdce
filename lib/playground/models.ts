import type { ModelInfo } from "@/lib/providers/catalog";

// What the playground needs to know about a model: its limits and parameter rules, straight from
// the catalog (never its upstream routes). Shared by the server (which builds it) and the client.

export interface ModelOption {
  id: string;
  name: string;
  description: string;
  contextWindow: number;
  maxOutput: number;
  defaultMaxTokens: number;
  /** Whether it reasons by default. */
  thinking: boolean;
  /** Whether thinking can be switched per request (kimi-k2.6): the settings' Thinking toggle. */
  thinkingToggle: boolean;
  /** Set for a deprecated model: the one to move to. */
  successor?: string;
  creditCost: number;
  rules: {
    temperature: { min: number; max: number; default: number };
    topP: { min: number; max: number; default: number };
    topK: boolean;
    maxN: number;
    penalties: boolean;
    seed: boolean;
    jsonMode: boolean;
  };
}

export function toModelOption(model: ModelInfo): ModelOption {
  const { rules } = model;
  return {
    id: model.id,
    name: model.name,
    description: model.description,
    contextWindow: model.contextWindow,
    maxOutput: model.maxOutput,
    defaultMaxTokens: model.defaultMaxTokens,
    thinking: model.thinking,
    thinkingToggle: model.thinkingMode === "toggle",
    ...(model.deprecation ? { successor: model.deprecation.successor } : {}),
    creditCost: model.creditCost,
    rules: {
      temperature: { ...rules.temperature },
      topP: { ...rules.topP },
      topK: rules.topK,
      maxN: rules.maxN,
      penalties: rules.penalties,
      seed: rules.seed,
      jsonMode: rules.jsonMode,
    },
  };
}

/** "128K", "256K": context windows as people say them. */
export function formatTokenCount(tokens: number): string {
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}
