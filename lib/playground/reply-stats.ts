import type { ReplyStats } from "@/lib/playground/conversation";
import { estimateTokens } from "@/lib/tokens";

// Per-reply statistics from what the stream reader saw: time to first token, tokens/s, tokens in
// and out (estimated at ~4 characters per token when the reply was stopped before usage came) and
// the credits the request cost under the settlement policy (charged once the upstream produced output).

export interface ReplyTiming {
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number;
}

export function computeReplyStats(input: {
  timing: ReplyTiming;
  usage: { promptTokens: number; completionTokens: number } | null;
  output: string;
  cost: number | null;
  upstream: string | null;
  finishReason: string | null;
  outcome: string;
  errorMessage?: string | null;
  alternatives?: string[];
}): ReplyStats {
  const { timing, usage } = input;
  const produced = timing.firstTokenAt !== null;
  const completionTokens = usage?.completionTokens ?? (produced ? estimateTokens(input.output) : 0);
  const generating = produced ? (timing.endedAt - (timing.firstTokenAt ?? timing.endedAt)) / 1000 : 0;
  return {
    promptTokens: usage?.promptTokens ?? null,
    completionTokens,
    estimated: usage === null && produced,
    ttftMs: produced ? Math.round((timing.firstTokenAt ?? 0) - timing.startedAt) : null,
    tokensPerSecond:
      produced && generating > 0.05 ? Math.round((completionTokens / generating) * 10) / 10 : null,
    credits: produced ? (input.cost ?? 0) : 0,
    upstream: input.upstream,
    finishReason: input.finishReason,
    outcome: input.outcome,
    errorMessage: input.errorMessage ?? null,
    alternatives: input.alternatives ?? [],
  };
}
