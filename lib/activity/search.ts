// The activity view's filter and how a URL carries it (pure and client-safe: links, the filter
// form and the export use it).

export type ActivityStatus = "ok" | "failed";

export interface ActivityFilter {
  keyId?: string;
  model?: string;
  status?: ActivityStatus;
  /** One call, by its request id (the credit history links to it). */
  requestId?: string;
}

/** The search string for a filter (and page position): what links and the export carry. */
export function activitySearch(
  filter: ActivityFilter,
  position: { after?: string; before?: string } = {},
): string {
  const params = new URLSearchParams();
  if (filter.keyId) params.set("key", filter.keyId);
  if (filter.model) params.set("model", filter.model);
  if (filter.status) params.set("status", filter.status);
  if (filter.requestId) params.set("request", filter.requestId);
  if (position.after) params.set("after", position.after);
  else if (position.before) params.set("before", position.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}
