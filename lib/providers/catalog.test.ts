import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppError } from "@/lib/errors";
import { CatalogError, loadCatalog, reasons } from "./catalog";

const dir = mkdtempSync(path.join(tmpdir(), "kimi-models-"));
let files = 0;

/** A MODELS_FILE with this content (an object is written as JSON). */
function modelsFile(content: unknown): string {
  const file = path.join(dir, `models-${files++}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const rules = {
  temperature: { min: 0, max: 2, default: 0.6 },
  topP: { min: 0, max: 1, default: 1 },
  topK: false,
  maxN: 1,
  seed: false,
  tools: true,
  jsonMode: true,
};

function entry(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Model ${id}`,
    description: "A test model.",
    contextWindow: 8192,
    maxOutput: 1024,
    defaultMaxTokens: 256,
    thinking: { mode: "never" },
    vision: false,
    creditCost: 2,
    rules,
    routes: [{ provider: "simulator", upstreamModel: `${id}-upstream` }],
    ...extra,
  };
}

/** The CatalogError's message for a file. */
function errorFor(content: unknown): string {
  try {
    loadCatalog(modelsFile(content));
  } catch (error) {
    if (error instanceof CatalogError) return error.message;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("the built-in catalog (config/models.json)", () => {
  const { models, retired } = loadCatalog(undefined);
  const byId = new Map(models.map((m) => [m.id, m]));

  it("has kimi-k2.6 as the active flagship: vision, thinking a toggle that is on by default", () => {
    const k26 = byId.get("kimi-k2.6");
    expect(k26).toMatchObject({ status: "active", vision: true, thinkingMode: "toggle", thinking: true });
    expect(k26?.routes.map((r) => `${r.provider}:${r.upstreamModel}`)).toEqual([
      "moonshot:kimi-k2.6",
      "aimlapi:moonshot/kimi-k2-6",
      "simulator:kimi-k2.6",
    ]);
  });

  it("serves the discontinued K2 ids by kimi-k2.6, each keeping its thinking habit", () => {
    const k2 = byId.get("kimi-k2");
    expect(k2).toMatchObject({
      status: "deprecated",
      servedBy: "kimi-k2.6",
      deprecation: { successor: "kimi-k2.6", date: "2026-05-25" },
      thinking: false,
    });
    expect(k2?.routes).toEqual(byId.get("kimi-k2.6")?.routes);
    expect(k2?.routes.some((r) => r.upstreamModel.includes("0711"))).toBe(false);
    expect(byId.get("kimi-k2-thinking")?.thinking).toBe(true);
    expect(reasons(k2 as NonNullable<typeof k2>, "enabled")).toBe(true);
  });

  it("knows retired ids only to name their successor", () => {
    expect(retired).toEqual([{ id: "kimi-latest", aliases: [], successor: "kimi-k2.6", date: "2026-05-25" }]);
    expect(byId.has("kimi-latest")).toBe(false);
  });
});

describe("MODELS_FILE", () => {
  it('with "extends": "default" adds entries and replaces those with the same id', () => {
    const file = modelsFile({
      extends: "default",
      models: [entry("custom-model"), entry("kimi-k2.5", { creditCost: 3 })],
    });
    const { models } = loadCatalog(file);
    const ids = models.map((m) => m.id);
    expect(ids).toContain("kimi-k2.6");
    expect(ids.at(-1)).toBe("custom-model");
    expect(models.find((m) => m.id === "kimi-k2.5")?.creditCost).toBe(3);
    expect(models.find((m) => m.id === "custom-model")).toMatchObject({
      status: "active",
      creditCost: 2,
      thinking: false,
      rules: { penalties: true },
    });
  });

  it("without extends replaces the built-in catalog", () => {
    const { models, retired } = loadCatalog(
      modelsFile({
        models: [
          entry("new-model"),
          { id: "old-model", status: "deprecated", successor: "new-model" },
          { id: "gone-model", aliases: ["gone"], status: "retired", successor: "old-model" },
        ],
      }),
    );
    expect(models.map((m) => m.id)).toEqual(["new-model", "old-model"]);
    expect(models[1]).toMatchObject({ servedBy: "new-model", creditCost: 2, name: "old-model" });
    // A retired id's successor is where its clients should go: the end of the chain.
    expect(retired).toEqual([{ id: "gone-model", aliases: ["gone"], successor: "new-model" }]);
  });

  it("a deprecated entry with routes of its own keeps serving itself", () => {
    const { models } = loadCatalog(
      modelsFile({
        models: [entry("a"), entry("b", { status: "deprecated", successor: "a", creditCost: 5 })],
      }),
    );
    expect(models[1]).toMatchObject({ id: "b", creditCost: 5, deprecation: { successor: "a" } });
    expect(models[1]?.servedBy).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    [
      "an unknown provider",
      { models: [entry("ok"), entry("bad", { routes: [{ provider: "openrouter", upstreamModel: "x" }] })] },
      'models[1] (id "bad"): routes.0.provider: unknown provider "openrouter" (known: moonshot, aimlapi, simulator)',
    ],
    [
      "a duplicate id",
      { models: [entry("twin"), entry("twin")] },
      'models[1] (id "twin"): id: "twin" is already used by',
    ],
    [
      "an alias another entry uses",
      { models: [entry("a"), entry("b", { aliases: ["a"] })] },
      'models[1] (id "b"): aliases: "a" is already used by',
    ],
    [
      "an unknown successor",
      { models: [entry("a"), { id: "b", status: "deprecated", successor: "nowhere" }] },
      'models[1] (id "b"): successor: "nowhere" is not an id in the catalog',
    ],
    [
      "a successor cycle",
      {
        models: [
          { id: "a", status: "deprecated", successor: "b" },
          { id: "b", status: "deprecated", successor: "a" },
        ],
      },
      'models[0] (id "a"): successor: the successors form a cycle',
    ],
    [
      "a retired successor",
      {
        models: [
          { id: "r", status: "retired", successor: "x" },
          entry("x"),
          { id: "d", status: "deprecated", successor: "r" },
        ],
      },
      'models[2] (id "d"): successor: "r" is retired',
    ],
    [
      "a deprecated entry without a successor",
      { models: [{ id: "d", status: "deprecated" }] },
      'models[0] (id "d"): successor: is required',
    ],
    [
      "an active entry without routes",
      { models: [{ ...entry("a"), routes: undefined }] },
      'models[0] (id "a"): routes: is required',
    ],
    [
      "a negative credit cost",
      { models: [entry("a", { creditCost: -1 })] },
      'models[0] (id "a"): creditCost: ',
    ],
    [
      "max output above the context window",
      { models: [entry("a", { maxOutput: 10_000 })] },
      'models[0] (id "a"): maxOutput: must be at most contextWindow',
    ],
    [
      "a default outside its range",
      { models: [entry("a", { rules: { ...rules, temperature: { min: 0, max: 1, default: 1.5 } } })] },
      'models[0] (id "a"): rules.temperature: needs min ≤ default ≤ max',
    ],
    ["a misspelt field", { models: [entry("a", { contextWindw: 5 })] }, 'models[0] (id "a"): '],
    ["an unknown top-level field", { modles: [] }, ""],
  ])("%s is refused, naming the entry and the field", (_label, content, message) => {
    const text = errorFor(content);
    expect(text).toMatch(/^MODELS_FILE .*models-\d+\.json: /);
    expect(text).toContain(message);
  });

  it("a file that is not JSON, or cannot be read, is refused naming it", () => {
    expect(errorFor("{ nope")).toMatch(/^MODELS_FILE .*: is not valid JSON/);
    expect(() => loadCatalog(path.join(dir, "missing.json"))).toThrow(
      /^MODELS_FILE .*missing\.json: cannot be read \(ENOENT\)/,
    );
  });
});

describe("resolveRoutableModel", () => {
  afterEach(() => {
    vi.resetModules();
    vi.unstubAllEnvs();
  });

  async function resolve(id: string) {
    vi.stubEnv("SIMULATOR", "on");
    const { resolveRoutableModel, deprecationHeaders } = await import("./resolve");
    try {
      const model = resolveRoutableModel(id);
      return { model, headers: deprecationHeaders(model) };
    } catch (error) {
      // resetModules gave this import its own AppError class.
      if ((error as Error).name === "AppError") return { error: error as AppError };
      throw error;
    }
  }

  it("serves a deprecated id with headers naming the successor and the docs", async () => {
    const { model, headers } = await resolve("kimi-k2");
    expect(model?.id).toBe("kimi-k2");
    expect(headers).toEqual({
      Deprecation: `@${Date.UTC(2026, 4, 25) / 1000}`,
      Link: '</docs#models>; rel="deprecation"; type="text/html"',
      "X-Model-Successor": "kimi-k2.6",
    });
  });

  it("serves an active id without them", async () => {
    expect((await resolve("kimi-k2.6")).headers).toEqual({});
  });

  it("answers a retired id with a 404 model_not_found naming the successor", async () => {
    const { error } = await resolve("kimi-latest");
    expect(error?.code).toBe("model_not_found");
    expect(error?.status).toBe(404);
    expect(error?.param).toBe("model");
    expect(error?.message).toContain("has been retired");
    expect(error?.message).toContain("use `kimi-k2.6` instead");
  });

  it("keeps an unknown id a plain model_not_found", async () => {
    const { error } = await resolve("kimi-k9");
    expect(error?.code).toBe("model_not_found");
    expect(error?.status).toBe(400);
  });
});
