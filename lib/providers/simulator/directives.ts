// Directives: `[[sim:name=value@scope]]` in the last user message steer one request.

export interface Directives {
  fail?: number;
  hang: boolean;
  dropAfter?: number;
  slowMs?: number;
  echo: boolean;
  /** Replies with the last user message itself (directives removed, whitespace kept). */
  repeat: boolean;
  /** Answers a structured-output request with JSON that ignores its schema. */
  offSchema: boolean;
  /**
   * `tool-arg=name:value`: string arguments the tool calls carry instead of sampled ones, so a
   * prompt can make an agent run a given command (`[[sim:tool-arg=cmd:echo hi]]`).
   */
  toolArgs: Record<string, string>;
  /** After a tool result, answers with the reasoning_content the history carried (JSON). */
  echoReasoning: boolean;
}

const DIRECTIVE = /\[\[sim:([a-z-]+)(?:=([^\]@]*))?(?:@([^\]]+))?\]\]/gi;

export function readDirectives(text: string, name: string | undefined): Directives {
  const found: Directives = {
    hang: false,
    echo: false,
    repeat: false,
    offSchema: false,
    toolArgs: {},
    echoReasoning: false,
  };
  for (const [, key, value, scope] of text.matchAll(DIRECTIVE)) {
    if (scope !== undefined && scope !== name) continue;
    const number = Number(value);
    const count = value !== undefined && Number.isInteger(number) && number >= 0 ? number : undefined;
    switch (key?.toLowerCase()) {
      case "fail":
        if (count !== undefined && count >= 400 && count <= 599) found.fail = count;
        break;
      case "hang":
        found.hang = true;
        break;
      case "drop-after":
        found.dropAfter = count;
        break;
      case "slow":
        found.slowMs = count;
        break;
      case "echo":
        found.echo = true;
        break;
      case "repeat":
        found.repeat = true;
        break;
      case "off-schema":
        found.offSchema = true;
        break;
      case "tool-arg": {
        const colon = value?.indexOf(":") ?? -1;
        if (value !== undefined && colon > 0) found.toolArgs[value.slice(0, colon)] = value.slice(colon + 1);
        break;
      }
      case "echo-reasoning":
        found.echoReasoning = true;
        break;
    }
  }
  return found;
}

export const stripDirectives = (text: string) => text.replace(DIRECTIVE, "").replace(/\s+/g, " ").trim();

/** The text without its directives, its own line breaks and spacing kept. */
export const withoutDirectives = (text: string) => text.replace(DIRECTIVE, "").trim();
