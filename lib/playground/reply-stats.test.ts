import { describe, expect, it } from "vitest";
import { computeReplyStats } from "@/lib/playground/reply-stats";

const common = { cost: 1, upstream: "moonshot", finishReason: "stop", outcome: "done" };

describe("computeReplyStats", () => {
  it("uses the reported usage and the time from first token to end for tokens/s", () => {
    const stats = computeReplyStats({
      ...common,
      timing: { startedAt: 1000, firstTokenAt: 1250, endedAt: 3250 },
      usage: { promptTokens: 12, completionTokens: 100 },
      output: "x",
    });
    expect(stats).toMatchObject({
      promptTokens: 12,
      completionTokens: 100,
      estimated: false,
      ttftMs: 250,
      tokensPerSecond: 50,
      credits: 1,
    });
  });

  it("estimates tokens for a reply stopped before usage arrived, and still charges it", () => {
    const stats = computeReplyStats({
      ...common,
      outcome: "stopped",
      timing: { startedAt: 0, firstTokenAt: 100, endedAt: 1100 },
      usage: null,
      output: "a".repeat(40),
    });
    expect(stats).toMatchObject({
      promptTokens: null,
      completionTokens: 10,
      estimated: true,
      tokensPerSecond: 10,
      credits: 1,
    });
  });

  it("charges nothing when no output was produced", () => {
    const stats = computeReplyStats({
      ...common,
      outcome: "upstream_error",
      timing: { startedAt: 0, firstTokenAt: null, endedAt: 500 },
      usage: null,
      output: "",
    });
    expect(stats).toMatchObject({ completionTokens: 0, ttftMs: null, tokensPerSecond: null, credits: 0 });
  });
});
