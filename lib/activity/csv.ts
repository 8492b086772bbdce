import { type ActivityRow, failureReason, keyLabel, outcomeOf, surfaceLabel } from "@/lib/activity/present";

// The activity export as CSV (RFC 4180, CRLF). Cells a spreadsheet would run as a formula — text
// starting with = + - @ (or a tab / carriage return, which some strip before looking) — get a
// leading apostrophe, so an exported model name or key name can never become a formula.

/** An export is one request's work: past this many rows, narrow the filter. */
export const MAX_EXPORT_ROWS = 100_000;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: Array<string | number | boolean | null>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const ACTIVITY_CSV_HEADER = csvLine([
  "time_utc",
  "request_id",
  "model",
  "key",
  "surface",
  "stream",
  "prompt_tokens",
  "completion_tokens",
  "duration_ms",
  "status",
  "http_status",
  "error_code",
  "reason",
  "credits",
]);

export function activityCsvLine(row: ActivityRow): string {
  return csvLine([
    row.createdAt.toISOString(),
    row.id,
    row.model,
    keyLabel(row),
    surfaceLabel(row),
    row.stream,
    row.promptTokens,
    row.completionTokens,
    row.latencyMs,
    outcomeOf(row),
    row.status,
    row.errorCode,
    failureReason(row),
    row.credits,
  ]);
}
