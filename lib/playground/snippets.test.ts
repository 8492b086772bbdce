import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ModelOption } from "@/lib/playground/models";
import { buildChatBody, defaultSettings } from "@/lib/playground/settings";
import {
  buildSnippets,
  PLACEHOLDER_KEY,
  toAnthropicBody,
  toPython,
  toResponsesBody,
} from "@/lib/playground/snippets";

const thinking: ModelOption = {
  id: "kimi-k2-thinking",
  name: "Kimi K2 Thinking",
  description: "",
  contextWindow: 262_144,
  maxOutput: 65_536,
  defaultMaxTokens: 4096,
  thinking: true,
  thinkingToggle: false,
  creditCost: 1,
  rules: {
    temperature: { min: 0, max: 2, default: 1 },
    topP: { min: 0, max: 1, default: 1 },
    topK: true,
    maxN: 5,
    penalties: true,
    seed: false,
    jsonMode: true,
  },
};

const ORIGIN = "https://kimi.example.com";

function body(overrides: Partial<ReturnType<typeof defaultSettings>> = {}) {
  const settings = { ...defaultSettings(thinking), systemPrompt: "Be terse.", ...overrides };
  return buildChatBody(
    settings,
    [
      { role: "user", content: "It's a \"test\" — isn't it?" },
      { role: "assistant", content: "Yes." },
      { role: "user", content: "Again" },
    ],
    thinking,
  );
}

describe("toPython", () => {
  it.each([
    [null, "None"],
    [true, "True"],
    [false, "False"],
    [1.5, "1.5"],
    ["a'b\"c", '"a\'b\\"c"'],
    [["a", 1], '["a", 1]'],
    [{ type: "json_object" }, '{"type": "json_object"}'],
  ] as const)("%j → %s", (value, expected) => {
    expect(toPython(value)).toBe(expected);
  });
});

describe("Responses style", () => {
  it("sends the system prompt as instructions, the turns as input, and lists what it cannot express", () => {
    const s = buildSnippets(ORIGIN, body({ maxTokens: 300, topK: 40, jsonMode: true }));
    expect(s.responses.curl).toContain(`${ORIGIN}/api/v1/responses`);
    expect(s.responses.python).toContain("client.responses.create(");
    expect(s.responses.node).toContain("response.output_text");
    const curlBody = JSON.parse(
      /-d '([\s\S]*)'$/.exec(s.responses.curl)?.[1]?.replaceAll(`'\\''`, "'") ?? "{}",
    );
    expect(curlBody).toEqual({
      model: "kimi-k2-thinking",
      instructions: "Be terse.",
      input: [
        { role: "user", content: "It's a \"test\" — isn't it?" },
        { role: "assistant", content: "Yes." },
        { role: "user", content: "Again" },
      ],
      temperature: 1,
      top_p: 1,
      max_output_tokens: 300,
      text: { format: { type: "json_object" } },
    });
    expect(toResponsesBody(body({ topK: 40 })).omitted).toEqual(["top_k"]);
  });
});

describe("buildSnippets", () => {
  it("targets this deployment with a placeholder key in every style and language", () => {
    const s = buildSnippets(`${ORIGIN}/`, body());
    expect(s.openai.curl).toContain(`${ORIGIN}/api/v1/chat/completions`);
    expect(s.openai.python).toContain(`base_url="${ORIGIN}/api/v1"`);
    expect(s.openai.node).toContain(`baseURL: "${ORIGIN}/api/v1"`);
    expect(s.anthropic.curl).toContain(`${ORIGIN}/api/v1/messages`);
    expect(s.anthropic.curl).toContain("anthropic-version: 2023-06-01");
    expect(s.anthropic.python).toContain(`base_url="${ORIGIN}/api"`);
    expect(s.anthropic.node).toContain(`baseURL: "${ORIGIN}/api"`);
    for (const set of [s.openai, s.anthropic]) {
      for (const code of [set.curl, set.python, set.node]) {
        expect(code).toContain(PLACEHOLDER_KEY);
        expect(code).toContain("kimi-k2-thinking");
      }
    }
  });

  it("carries the model, messages and parameters", () => {
    const s = buildSnippets(
      ORIGIN,
      body({ temperature: 0.3, topK: 40, stop: ["END"], maxTokens: 512, presencePenalty: 0.5 }),
    );
    const curlBody = JSON.parse(/-d '([\s\S]*)'$/.exec(s.openai.curl)?.[1]?.replaceAll(`'\\''`, "'") ?? "{}");
    expect(curlBody).toEqual({
      model: "kimi-k2-thinking",
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "It's a \"test\" — isn't it?" },
        { role: "assistant", content: "Yes." },
        { role: "user", content: "Again" },
      ],
      temperature: 0.3,
      top_p: 1,
      max_tokens: 512,
      presence_penalty: 0.5,
      frequency_penalty: 0,
      top_k: 40,
      stop: ["END"],
    });
    // top_k is not an OpenAI SDK parameter: Python sends it through extra_body.
    expect(s.openai.python).toContain('extra_body={"top_k": 40}');
    expect(s.openai.python).toContain("temperature=0.3,");
    expect(s.openai.node).toContain('"top_k": 40');
    expect(s.anthropic.python).toContain('stop_sequences=["END"]');
    expect(s.anthropic.python).toContain('system="Be terse.",');
    expect(s.anthropic.omitted).toEqual(["presence_penalty"]);
  });

  it("never streams in snippets (simple to run), even when the playground does", () => {
    const settings = defaultSettings(thinking);
    const streamed = buildChatBody(settings, [{ role: "user", content: "Hi" }], thinking, { stream: true });
    const s = buildSnippets(ORIGIN, streamed);
    expect(s.openai.curl).not.toContain("stream");
  });

  it("lists what the Anthropic format cannot express", () => {
    const { request, omitted } = toAnthropicBody(
      body({ temperature: 1.5, frequencyPenalty: 1, n: 2, jsonMode: true }),
    );
    expect(request.temperature).toBe(1);
    expect(request.messages[0]).toEqual({ role: "user", content: "It's a \"test\" — isn't it?" });
    expect(omitted).toEqual([
      "temperature 1.5 (capped at 1)",
      "frequency_penalty",
      "n",
      "JSON mode (response_format)",
    ]);
  });

  // The snippets must at least parse in their language; the playground e2e runs the curl one for real.
  it("produces syntactically valid shell, Python and JavaScript", () => {
    const s = buildSnippets(ORIGIN, body({ stop: ["it's"], topK: 3 }));
    const dir = mkdtempSync(path.join(tmpdir(), "snippets-"));
    for (const [style, set] of Object.entries(s)) {
      const sh = path.join(dir, `${style}.sh`);
      writeFileSync(sh, set.curl);
      expect(spawnSync("bash", ["-n", sh]).status, `${style} curl`).toBe(0);
      const mjs = path.join(dir, `${style}.mjs`);
      writeFileSync(mjs, set.node);
      const node = spawnSync(process.execPath, ["--check", mjs], { encoding: "utf8" });
      expect(node.status, `${style} node: ${node.stderr}`).toBe(0);
      const py = spawnSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], {
        input: set.python,
        encoding: "utf8",
      });
      expect(py.status, `${style} python: ${py.stderr}`).toBe(0);
    }
  });
});
