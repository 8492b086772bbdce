// Tool calls: which of the request's tools to call, with arguments that satisfy their schemas.

import { isRecord } from "@/lib/is-record";
import type { ToolCall, ToolDefinition } from "@/lib/wire/openai";
import type { SimulatorRequest } from "./types";

/** A value that satisfies a JSON-schema fragment: required properties only, type-appropriate. */
export function sampleValue(schema: unknown, key: string, depth = 0): unknown {
  if (!isRecord(schema)) return `example ${key}`;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("const" in schema) return schema.const;
  // A nullable field (anyOf with null) is answered with null; otherwise the first branch.
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    const nullable = branches.some((b) => isRecord(b) && b.type === "null");
    return nullable ? null : sampleValue(branches[0], key, depth);
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null") ?? (isRecord(schema.properties) ? "object" : "string");
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  switch (type) {
    case "integer":
      return Math.ceil(minimum ?? 1);
    case "number":
      return minimum ?? 1.5;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return depth > 4 ? [] : [sampleValue(schema.items, key, depth + 1)];
    case "object": {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      const entries = required
        .filter((name): name is string => typeof name === "string")
        .map((name) => [name, depth > 4 ? null : sampleValue(properties[name], name, depth + 1)]);
      return Object.fromEntries(entries);
    }
    default:
      return `example ${key}`;
  }
}

export function toolsToCall(body: SimulatorRequest, prompt: string): ToolDefinition[] {
  const tools = body.tools ?? [];
  const choice = body.tool_choice ?? "auto";
  if (tools.length === 0 || choice === "none") return [];
  if (typeof choice === "object") return tools.filter((tool) => tool.function.name === choice.function.name);
  const lower = prompt.toLowerCase();
  const mentioned = tools.filter(({ function: { name } }) => {
    const wanted = name.toLowerCase();
    return lower.includes(wanted) || lower.includes(wanted.replaceAll("_", " "));
  });
  const limit = (list: ToolDefinition[]) => (body.parallel_tool_calls === false ? list.slice(0, 1) : list);
  if (choice === "required") return limit(mentioned.length > 0 ? mentioned : tools.slice(0, 1));
  return body.messages.at(-1)?.role === "user" ? limit(mentioned) : [];
}

export const randomId = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);

/** A call of `tool` with sampled arguments, `overrides` replacing or adding some of them. */
export function makeToolCall(tool: ToolDefinition, overrides: Record<string, string> = {}): ToolCall {
  const args = sampleValue(tool.function.parameters ?? { type: "object" }, tool.function.name);
  return {
    id: `call_${randomId()}`,
    type: "function",
    function: {
      name: tool.function.name,
      arguments: JSON.stringify({ ...(isRecord(args) ? args : {}), ...overrides }),
    },
  };
}
