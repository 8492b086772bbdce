import { describe, expect, it } from "vitest";
import type { ModelOption } from "@/lib/playground/models";
import {
  buildChatBody,
  clampToModel,
  defaultSettings,
  readSettings,
  switchModel,
} from "@/lib/playground/settings";

const base = {
  description: "",
  contextWindow: 262_144,
  creditCost: 1,
};
const chat: ModelOption = {
  ...base,
  id: "kimi-k2.6",
  name: "Kimi K2 0905",
  maxOutput: 32_768,
  defaultMaxTokens: 1024,
  thinking: false,
  thinkingToggle: false,
  rules: {
    temperature: { min: 0, max: 2, default: 0.6 },
    topP: { min: 0, max: 1, default: 1 },
    topK: false,
    maxN: 5,
    penalties: true,
    seed: false,
    jsonMode: true,
  },
};
const thinking: ModelOption = {
  ...base,
  id: "kimi-k2-thinking",
  name: "Kimi K2 Thinking",
  maxOutput: 65_536,
  defaultMaxTokens: 4096,
  thinking: true,
  thinkingToggle: false,
  rules: { ...chat.rules, temperature: { min: 0, max: 2, default: 1 }, topK: true },
};
const seeded: ModelOption = { ...chat, id: "seeded-model", rules: { ...chat.rules, seed: true, maxN: 2 } };
const models = [chat, thinking, seeded];

describe("readSettings", () => {
  it("falls back to the default model and its defaults for nothing stored", () => {
    expect(readSettings(null, models)).toEqual(defaultSettings(chat));
  });

  it("keeps valid fields and replaces invalid ones field by field", () => {
    const read = readSettings(
      {
        model: "kimi-k2-thinking",
        temperature: 0.2,
        topP: "high",
        maxTokens: -5,
        stop: ["x", 3],
        seed: 7,
        extra: true,
      },
      models,
    );
    expect(read).toEqual({ ...defaultSettings(thinking), temperature: 0.2, seed: 7 });
  });

  it("replaces a model that is not offered any more", () => {
    expect(readSettings({ model: "gpt-4", temperature: 0.1 }, models)?.model).toBe("kimi-k2.6");
  });

  it("is undefined when no model is offered at all", () => {
    expect(readSettings({}, [])).toBeUndefined();
  });
});

describe("clampToModel", () => {
  it.each([
    ["maxTokens above max output", { maxTokens: 100_000 }, { maxTokens: 32_768 }],
    ["top_k on a model without it", { topK: 50 }, { topK: 0 }],
    ["n above the model's max", { n: 5 }, { n: 2 }],
  ] as const)("%s", (_name, change, expected) => {
    const model = _name.startsWith("n") ? seeded : chat;
    expect(clampToModel({ ...defaultSettings(model), ...change }, model)).toMatchObject(expected);
  });
});

describe("switchModel", () => {
  it("moves untouched values to the new model's defaults and keeps chosen ones", () => {
    const fromDefaults = switchModel(defaultSettings(chat), chat, thinking);
    expect(fromDefaults).toMatchObject({ model: "kimi-k2-thinking", temperature: 1, maxTokens: 4096 });
    const chosen = switchModel(
      { ...defaultSettings(thinking), temperature: 0.3, maxTokens: 60_000, topK: 20 },
      thinking,
      chat,
    );
    expect(chosen).toMatchObject({ model: "kimi-k2.6", temperature: 0.3, maxTokens: 32_768, topK: 0 });
  });
});

describe("buildChatBody", () => {
  it("sends the system prompt first and only the options that are set and supported", () => {
    const settings = {
      ...defaultSettings(seeded),
      systemPrompt: "Sys",
      seed: 42,
      n: 2,
      stop: ["END"],
      jsonMode: true,
    };
    expect(buildChatBody(settings, [{ role: "user", content: "Hi" }], seeded, { stream: true })).toEqual({
      model: "seeded-model",
      messages: [
        { role: "system", content: "Sys" },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.6,
      top_p: 1,
      max_tokens: 1024,
      presence_penalty: 0,
      frequency_penalty: 0,
      n: 2,
      stop: ["END"],
      response_format: { type: "json_object" },
      seed: 42,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("drops seed and top_k where the model does not take them, and a blank system prompt", () => {
    const body = buildChatBody(
      { ...defaultSettings(chat), systemPrompt: "  ", seed: 1, topK: 9 },
      [{ role: "user", content: "Hi" }],
      chat,
    );
    expect(body).not.toHaveProperty("seed");
    expect(body).not.toHaveProperty("top_k");
    expect(body.messages).toEqual([{ role: "user", content: "Hi" }]);
  });
});

describe("the Thinking toggle", () => {
  const toggle: ModelOption = { ...chat, id: "toggle-model", thinking: true, thinkingToggle: true };

  it("defaults to the model's habit, is saved as chosen, and is sent as thinking", () => {
    const settings = defaultSettings(toggle);
    expect(settings.thinking).toBe(true);
    const off = readSettings({ model: "toggle-model", thinking: false }, [toggle]);
    expect(off?.thinking).toBe(false);
    expect(buildChatBody(off as NonNullable<typeof off>, [], toggle).thinking).toEqual({ type: "disabled" });
    expect(buildChatBody(settings, [], toggle).thinking).toEqual({ type: "enabled" });
  });

  it("is not sent, and follows the model, where thinking is no switch", () => {
    const settings = readSettings({ model: "kimi-k2-thinking", thinking: false }, [thinking]);
    expect(settings?.thinking).toBe(true);
    expect(buildChatBody(settings as NonNullable<typeof settings>, [], thinking)).not.toHaveProperty(
      "thinking",
    );
  });

  it("an older record without it takes the model's default", () => {
    expect(readSettings({ model: "toggle-model" }, [toggle])?.thinking).toBe(true);
  });
});
