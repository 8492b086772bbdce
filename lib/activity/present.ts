// How an activity row reads (pure): its surface, its outcome and a failure's reason, its duration.
// The page and the CSV export say the same thing.

export interface ActivityRow {
  id: string;
  createdAt: Date;
  model: string;
  apiKeyId: string | null;
  /** The key's name; null for the playground, or a key since deleted. */
  keyName: string | null;
  source: string;
  endpoint: string;
  stream: boolean;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  status: number;
  errorCode: string | null;
  credits: number;
}

const SURFACES: Record<string, string> = {
  openai: "Chat completions",
  anthropic: "Messages",
  responses: "Responses",
};

export function surfaceLabel(row: Pick<ActivityRow, "source" | "endpoint">): string {
  if (row.source === "playground") return "Playground";
  return SURFACES[row.endpoint] ?? row.endpoint;
}

export function keyLabel(row: Pick<ActivityRow, "source" | "apiKeyId" | "keyName">): string {
  if (row.source === "playground") return "Playground";
  return row.keyName ?? "Deleted key";
}

export type Outcome = "ok" | "failed" | "in_progress";

/** A stream's row reads in_progress until it ends (lib/data/request-log.ts). */
export function outcomeOf(row: Pick<ActivityRow, "status" | "errorCode">): Outcome {
  if (row.errorCode === "in_progress") return "in_progress";
  return row.status < 400 && row.errorCode === null ? "ok" : "failed";
}

const REASONS: Record<string, string> = {
  client_closed: "The client closed the connection",
  interrupted: "The server stopped during the call",
  invalid_request: "Invalid request",
  invalid_json: "The body is not valid JSON",
  context_length_exceeded: "Input exceeds the context window",
  model_not_found: "Unknown model",
  insufficient_credits: "Not enough credits",
  rate_limit_exceeded: "Rate limit exceeded",
  upstream_rate_limited: "The provider is rate limiting",
  internal_error: "Internal error",
  upstream_error: "The provider returned an error",
  invalid_structured_output: "The reply did not match the JSON schema",
  upstream_unavailable: "The provider is unavailable",
  upstream_timeout: "The provider timed out",
  request_timeout: "The request did not arrive in time",
  body_too_large: "The request body is too large",
};

/** A failed call's reason in words ("" for one that did not fail). */
export function failureReason(row: Pick<ActivityRow, "status" | "errorCode">): string {
  if (outcomeOf(row) !== "failed") return "";
  if (row.errorCode) return REASONS[row.errorCode] ?? row.errorCode.replaceAll("_", " ");
  return `HTTP ${row.status}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
