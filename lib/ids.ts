import { v7 } from "uuid";

// Ids that sort by creation time (UUIDv7: a millisecond timestamp, then randomness; uuid keeps
// them in order within a millisecond too). The request log and the credit ledger are keyed by
// them, so each new row lands at the end of its indexes — the same few pages — rather than on a
// random page of a large table, which makes writing those rows markedly cheaper.

/** 32 lower-case hex digits, ordered by creation time (`at`, in ms, for tests of old rows). */
export function timeOrderedId(at?: number): string {
  return v7(at === undefined ? undefined : { msecs: at }).replaceAll("-", "");
}

/** The id of one API or playground request (X-Request-Id): `req_` and 32 hex digits. */
export function newRequestId(): string {
  return `req_${timeOrderedId()}`;
}
