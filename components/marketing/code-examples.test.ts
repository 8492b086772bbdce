import { describe, expect, it } from "vitest";
import {
  anthropicBaseUrl,
  openAIBaseUrl,
  quickstartExamples,
  sdkExamples,
} from "@/components/marketing/code-examples";

const origin = "https://kimi.example.com";

describe("code examples", () => {
  it("point the OpenAI SDKs at /api/v1 and the Anthropic SDKs at /api (they append /v1/messages)", () => {
    expect(openAIBaseUrl(origin)).toBe("https://kimi.example.com/api/v1");
    expect(anthropicBaseUrl(origin)).toBe("https://kimi.example.com/api");
  });

  it("use this deployment's origin in every example and never a foreign host", () => {
    const all = [...quickstartExamples(origin), ...Object.values(sdkExamples(origin)).flat()];
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const example of all) {
      expect(example.code).toContain(origin);
      expect(example.code).not.toMatch(/kimi-k2\.ai|api\.openai\.com|api\.anthropic\.com/);
    }
  });

  it("authenticates curl with the right header per format", () => {
    const { openai, anthropic } = sdkExamples(origin);
    expect(openai.find((e) => e.id === "curl")?.code).toContain("Authorization: Bearer");
    expect(anthropic.find((e) => e.id === "curl")?.code).toContain("X-API-Key:");
  });
});
