import { Badge } from "@/components/ui/badge";
import { formatNumber } from "@/lib/format";
import type { ReplyStats } from "@/lib/playground/conversation";

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One line under a reply: tokens in/out, time to first token, tokens/s, credits, and where it came from. */
export function ReplyStatsLine({ stats, streaming }: { stats: ReplyStats | null; streaming: boolean }) {
  // The line keeps its height while streaming, so the reply does not jump when the stats arrive.
  if (streaming || !stats) {
    return (
      <p className="flex h-6 items-center text-xs text-muted-foreground" aria-live="off">
        {streaming ? "Generating…" : ""}
      </p>
    );
  }
  const items: Array<[string, string]> = [];
  if (stats.promptTokens !== null) items.push(["Tokens in", formatNumber(stats.promptTokens)]);
  if (stats.completionTokens !== null)
    items.push(["Tokens out", `${stats.estimated ? "~" : ""}${formatNumber(stats.completionTokens)}`]);
  if (stats.ttftMs !== null) items.push(["Time to first token", formatMs(stats.ttftMs)]);
  if (stats.tokensPerSecond !== null)
    items.push(["Tokens per second", `${stats.tokensPerSecond.toFixed(1)} tok/s`]);
  items.push(["Credits", `${stats.credits} credit${stats.credits === 1 ? "" : "s"}`]);
  return (
    <div className="flex min-h-6 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
      <dl className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label="Reply statistics">
        {items.map(([label, value]) => (
          <div key={label} className="flex gap-1" title={label}>
            <dt className="sr-only">{label}</dt>
            <dd className="tabular-nums">
              {label === "Tokens in"
                ? `${value} in`
                : label === "Tokens out"
                  ? `${value} out`
                  : label === "Time to first token"
                    ? `TTFT ${value}`
                    : value}
            </dd>
          </div>
        ))}
      </dl>
      {stats.upstream === "simulator" ? (
        <Badge variant="warning" title="Answered by the built-in simulator, not a real Kimi model">
          Simulated
        </Badge>
      ) : null}
      {stats.outcome === "stopped" ? <Badge variant="secondary">Stopped</Badge> : null}
      {stats.finishReason === "length" ? (
        <Badge variant="secondary" title="The reply reached Max tokens">
          Max tokens reached
        </Badge>
      ) : null}
    </div>
  );
}
