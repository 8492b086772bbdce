import { readFileSync } from "node:fs";
import { z } from "zod";
import defaults from "@/config/models.json" with { type: "json" };

// The one model catalog: what each public model is, its limits and parameter rules, what a
// request costs, and the upstream routes it can take, in priority order. The data lives in
// config/models.json (shipped with the code); MODELS_FILE replaces it, or extends it with
// `"extends": "default"` (docs/models.md). A bad file stops the server at start
// (server/check-config.ts) with a message naming the file, the entry and the field.

export const PROVIDERS = ["moonshot", "aimlapi", "simulator"] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export interface ModelRoute {
  provider: ProviderId;
  /** The model id the provider knows it by. */
  upstreamModel: string;
}

export interface Range {
  min: number;
  max: number;
  default: number;
}

export interface ParameterRules {
  /** min === max means fixed upstream: a client's value is not forwarded. */
  temperature: Range;
  topP: Range;
  /** Whether top_k is accepted. */
  topK: boolean;
  /** Highest n; 1 means n is not offered. */
  maxN: number;
  /** Whether presence/frequency penalties are forwarded (kimi-k2.6 fixes them). */
  penalties: boolean;
  /** Whether `seed` is forwarded. */
  seed: boolean;
  tools: boolean;
  jsonMode: boolean;
}

/** never: does not reason; always: always reasons; toggle: `thinking: {type}` per request. */
export type ThinkingMode = "never" | "always" | "toggle";

export interface Deprecation {
  successor: string;
  /** ISO date the upstream stopped (or stops) serving it. */
  date?: string;
}

export interface ModelInfo {
  id: string;
  name: string;
  aliases: string[];
  description: string;
  contextWindow: number;
  maxOutput: number;
  defaultMaxTokens: number;
  /** Whether it reasons when the request does not say. */
  thinking: boolean;
  thinkingMode: ThinkingMode;
  /** Accepts image parts in messages. */
  vision: boolean;
  creditCost: number;
  rules: ParameterRules;
  routes: ModelRoute[];
  created: number;
  status: "active" | "deprecated";
  /** Set when deprecated: clients should move to the successor. */
  deprecation?: Deprecation;
  /** Set when a deprecated id is served by another entry's routes and rules. */
  servedBy?: string;
}

export interface RetiredModel {
  id: string;
  aliases: string[];
  successor: string;
  date?: string;
}

export interface Catalog {
  models: ModelInfo[];
  retired: RetiredModel[];
}

const CREATED = 1_735_785_600; // 2025-01-02: entries that do not say

// ---------------------------------------------------------------------------------------------
// The file's schema

const count = z.number().int().positive();
const range = (lo: number, hi: number) =>
  z
    .object({ min: z.number().min(lo).max(hi), max: z.number().min(lo).max(hi), default: z.number() })
    .strict()
    .refine((r) => r.min <= r.default && r.default <= r.max, "needs min ≤ default ≤ max");

const rulesSchema = z
  .object({
    temperature: range(0, 2),
    topP: range(0, 1),
    topK: z.boolean(),
    maxN: z.number().int().min(1).max(5),
    penalties: z.boolean().default(true),
    seed: z.boolean(),
    tools: z.boolean(),
    jsonMode: z.boolean(),
  })
  .strict();

const routeSchema = z
  .object({
    provider: z.string().refine((p) => (PROVIDERS as readonly string[]).includes(p), {
      error: (issue) => `unknown provider "${String(issue.input)}" (known: ${PROVIDERS.join(", ")})`,
    }),
    upstreamModel: z.string().min(1),
  })
  .strict();

const thinkingSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("never") }).strict(),
  z.object({ mode: z.literal("always") }).strict(),
  z.object({ mode: z.literal("toggle"), default: z.enum(["enabled", "disabled"]) }).strict(),
]);

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}$/, "must be 1–100 letters, digits or . _ / : -");

const entrySchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).optional(),
    aliases: z.array(idSchema).default([]),
    description: z.string().optional(),
    status: z.enum(["active", "deprecated", "retired"]).default("active"),
    successor: idSchema.optional(),
    date: z.iso.date().optional(),
    created: z.number().int().nonnegative().optional(),
    contextWindow: count.optional(),
    maxOutput: count.optional(),
    defaultMaxTokens: count.optional(),
    thinking: thinkingSchema.optional(),
    vision: z.boolean().optional(),
    creditCost: count.optional(),
    rules: rulesSchema.optional(),
    routes: z.array(routeSchema).min(1, "needs at least one route").optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const need = (field: keyof typeof e) => {
      if (e[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "is required" });
    };
    if (e.status !== "active" && !e.successor) need("successor");
    // An entry with routes of its own serves itself, so it needs everything a request is checked against.
    if (e.status === "active" || (e.status === "deprecated" && e.routes)) {
      for (const f of [
        "name",
        "description",
        "contextWindow",
        "maxOutput",
        "defaultMaxTokens",
        "thinking",
        "vision",
        "creditCost",
        "rules",
        "routes",
      ] as const)
        need(f);
    }
    if (e.status === "retired" && e.routes)
      ctx.addIssue({ code: "custom", path: ["routes"], message: "a retired model has no routes" });
    if (e.maxOutput && e.contextWindow && e.maxOutput > e.contextWindow)
      ctx.addIssue({ code: "custom", path: ["maxOutput"], message: "must be at most contextWindow" });
    if (e.defaultMaxTokens && e.maxOutput && e.defaultMaxTokens > e.maxOutput)
      ctx.addIssue({ code: "custom", path: ["defaultMaxTokens"], message: "must be at most maxOutput" });
  });

type Entry = z.infer<typeof entrySchema>;

const fileSchema = z
  .object({
    $comment: z.string().optional(),
    extends: z.literal("default").optional(),
    models: z.array(z.unknown()),
  })
  .strict();

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

interface Located {
  entry: Entry;
  /** "MODELS_FILE /etc/kimi/models.json: models[3] (id "x")" */
  where: string;
}

function label(source: string, index: number, id: unknown): string {
  return `${source}: models[${index}]${typeof id === "string" ? ` (id "${id}")` : ""}`;
}

function parseEntries(raw: unknown, source: string): { entries: Located[]; extendsDefault: boolean } {
  const file = fileSchema.safeParse(raw);
  if (!file.success) {
    const issue = file.error.issues[0];
    const at = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new CatalogError(`${source}: ${at}${issue?.message ?? "invalid"}`);
  }
  const entries = file.data.models.map((item, index) => {
    const id = typeof item === "object" && item && "id" in item ? (item as { id: unknown }).id : undefined;
    const where = label(source, index, id);
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new CatalogError(`${where}: ${field}${issue?.message ?? "invalid"}`);
    }
    return { entry: parsed.data, where };
  });
  return { entries, extendsDefault: file.data.extends === "default" };
}

/** Builds the catalog from validated entries: names, successors and inheritance checked across entries. */
function build(located: Located[]): Catalog {
  const byName = new Map<string, Located>();
  for (const item of located) {
    for (const name of [item.entry.id, ...item.entry.aliases]) {
      const other = byName.get(name);
      if (other)
        throw new CatalogError(
          `${item.where}: ${name === item.entry.id ? "id" : "aliases"}: "${name}" is already used by ${other.where}`,
        );
      byName.set(name, item);
    }
  }
  const byId = new Map(located.map((l) => [l.entry.id, l]));
  // Follows successors to the entry that serves a request; a cycle or a dead end is an error.
  const servingEntry = (start: Located): Located => {
    const seen = new Set<string>();
    let current = start;
    while (!(current.entry.routes && current.entry.status !== "retired")) {
      seen.add(current.entry.id);
      const next = current.entry.successor ? byId.get(current.entry.successor) : undefined;
      if (!next)
        throw new CatalogError(
          `${current.where}: successor: "${current.entry.successor}" is not an id in the catalog`,
        );
      if (seen.has(next.entry.id))
        throw new CatalogError(
          `${start.where}: successor: the successors form a cycle (${[...seen].join(" → ")})`,
        );
      if (next.entry.status === "retired")
        throw new CatalogError(`${current.where}: successor: "${next.entry.id}" is retired`);
      current = next;
    }
    return current;
  };

  const models: ModelInfo[] = [];
  const retired: RetiredModel[] = [];
  for (const item of located) {
    const e = item.entry;
    if (e.status === "retired") {
      const successor = servingEntry(item);
      retired.push({ id: e.id, aliases: e.aliases, successor: successor.entry.id, date: e.date });
      continue;
    }
    if (e.successor) servingEntry({ ...item, entry: { ...e, routes: undefined } });
    const served = servingEntry(item).entry;
    // The serving entry has every field (entrySchema requires them where there are routes).
    const has = <T>(value: T | undefined): T => value as T;
    const thinking = has(served.thinking);
    const own = e.thinking ?? thinking;
    // A deprecated id on its successor's routes keeps its own habit where the successor lets it.
    const defaultOn =
      thinking.mode === "toggle"
        ? own.mode === "toggle"
          ? own.default === "enabled"
          : own.mode === "always"
        : thinking.mode === "always";
    models.push({
      id: e.id,
      name: e.name ?? e.id,
      aliases: e.aliases,
      description: e.description ?? (served === e ? "" : `Deprecated: served by ${served.id}.`),
      contextWindow: has(served.contextWindow),
      maxOutput: has(served.maxOutput),
      defaultMaxTokens: has(served.defaultMaxTokens),
      vision: has(served.vision),
      creditCost: has(served.creditCost),
      rules: has(served.rules),
      routes: has(served.routes) as ModelRoute[],
      thinking: defaultOn,
      thinkingMode: thinking.mode,
      created: e.created ?? served.created ?? CREATED,
      status: e.status === "deprecated" ? "deprecated" : "active",
      ...(e.status === "deprecated" && e.successor
        ? { deprecation: { successor: e.successor, ...(e.date ? { date: e.date } : {}) } }
        : {}),
      ...(served !== e ? { servedBy: served.id } : {}),
    });
  }
  return { models, retired };
}

const DEFAULT_SOURCE = "config/models.json";

/**
 * The catalog from the built-in file, and MODELS_FILE when given: a file with `"extends":
 * "default"` adds entries and replaces those with the same id; any other file replaces the
 * built-in catalog. Throws a CatalogError naming the file, the entry and the field.
 */
export function loadCatalog(modelsFile: string | undefined = process.env.MODELS_FILE): Catalog {
  const builtIn = parseEntries(defaults, DEFAULT_SOURCE).entries;
  if (!modelsFile) return build(builtIn);
  const source = `MODELS_FILE ${modelsFile}`;
  let text: string;
  try {
    text = readFileSync(modelsFile, "utf8");
  } catch (error) {
    throw new CatalogError(`${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`${source}: is not valid JSON (${(error as Error).message})`);
  }
  return build(mergeEntries(builtIn, parseEntries(raw, source)));
}

function mergeEntries(builtIn: Located[], file: { entries: Located[]; extendsDefault: boolean }): Located[] {
  if (!file.extendsDefault) return file.entries;
  const overrides = new Map(file.entries.map((l) => [l.entry.id, l]));
  const merged = builtIn.map((l) => overrides.get(l.entry.id) ?? l);
  const known = new Set(builtIn.map((l) => l.entry.id));
  return [...merged, ...file.entries.filter((l) => !known.has(l.entry.id))];
}

// ---------------------------------------------------------------------------------------------
// The catalog in use, loaded once

let current:
  | (Catalog & { byName: Map<string, ModelInfo>; retiredByName: Map<string, RetiredModel> })
  | undefined;

function catalog() {
  if (current) return current;
  const loaded = loadCatalog();
  const byName = new Map<string, ModelInfo>();
  for (const model of loaded.models) for (const name of [model.id, ...model.aliases]) byName.set(name, model);
  const retiredByName = new Map<string, RetiredModel>();
  for (const model of loaded.retired)
    for (const name of [model.id, ...model.aliases]) retiredByName.set(name, model);
  current = { ...loaded, byName, retiredByName };
  return current;
}

/** Every servable model (active and deprecated), in the file's order. */
export function catalogModels(): readonly ModelInfo[] {
  return catalog().models;
}

/** The model for a public id or alias (active or deprecated). */
export function findModel(id: string): ModelInfo | undefined {
  return catalog().byName.get(id);
}

/** The retired model an id or alias names, if it does. */
export function findRetired(id: string): RetiredModel | undefined {
  return catalog().retiredByName.get(id);
}

/** Routes of a model that can be taken with the providers configured now. */
export function availableRoutes(model: ModelInfo, enabled: ReadonlySet<ProviderId>): ModelRoute[] {
  return model.routes.filter((r) => enabled.has(r.provider));
}

/** Models routable now, for /v1/models and the UI: active ones first, deprecated ones after. */
export function publicModels(enabled: ReadonlySet<ProviderId>): ModelInfo[] {
  const routable = catalogModels().filter((m) => availableRoutes(m, enabled).length > 0);
  return [...routable.filter((m) => m.status === "active"), ...routable.filter((m) => m.status !== "active")];
}

/** Whether a request with `thinking` (or none) makes this model reason. */
export function reasons(model: ModelInfo, requested?: "enabled" | "disabled"): boolean {
  if (model.thinkingMode !== "toggle") return model.thinkingMode === "always";
  return requested ? requested === "enabled" : model.thinking;
}

/** A parameter the upstream fixes: the gateway does not forward a client's value. */
export function isFixed(r: Range): boolean {
  return r.min === r.max;
}
