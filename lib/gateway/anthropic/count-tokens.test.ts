import { describe, expect, it } from "vitest";
import { estimateInputTokens, INPUT_TOKEN_ESTIMATE_METHOD } from "./index";
import { req } from "./test-fixtures";

describe("estimateInputTokens", () => {
  it("counts ~4 characters per token plus per-message and per-image overhead", () => {
    const base = req({ system: "a".repeat(40), messages: [{ role: "user", content: "b".repeat(38) }] });
    // ceil(78 / 4) = 20, + 2 messages (system counts) × 4
    expect(estimateInputTokens(base)).toBe(28);
    const withImage = req({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "b".repeat(8) },
            { type: "image", source: { type: "url", url: "https://example.com/a.png" } },
          ],
        },
      ],
    });
    expect(estimateInputTokens(withImage)).toBe(2 + 4 + 1000);
  });

  it("grows with tool definitions and tool traffic", () => {
    const plain = req({ messages: [{ role: "user", content: "Hi" }] });
    const withTools = req({
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ name: "get_weather", description: "Weather for a city", input_schema: { type: "object" } }],
    });
    expect(estimateInputTokens(withTools)).toBeGreaterThan(estimateInputTokens(plain));
  });

  it("is described in one sentence for the docs page", () => {
    expect(INPUT_TOKEN_ESTIMATE_METHOD).toMatch(/^[A-Z][^.]+\.$/);
  });
});
