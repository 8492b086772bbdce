import { EventEmitter } from "node:events";

// Calling off work on the request hot path without Web AbortSignals. Making an AbortSignal and
// hanging its first listener on it costs 20–35 µs here between requests (about 1 µs for an
// EventEmitter), and a gateway call needed two: one for the client's connection, one for the
// upstream call. undici takes an EventEmitter that emits "abort" as its `signal` (documented for
// `request`), so the upstream call needs no AbortSignal either; `toSignal()` makes one on demand
// for code that wants the Web type (the in-process simulator).

/** What may be called off: whether it has been, why, and a way to hear it. */
export interface Abortable {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when this aborts (never, if it already has); returns a function that stops listening. */
  onAbort(listener: () => void): () => void;
}

/** An Abortable that its owner aborts; undici accepts it as a request's `signal`. */
export class AbortSwitch extends EventEmitter implements Abortable {
  aborted = false;
  reason: unknown = undefined;

  /** Aborts once; later calls do nothing. */
  abort(reason: unknown = new Error("aborted")): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit("abort");
  }

  onAbort(listener: () => void): () => void {
    if (this.aborted) return () => {};
    this.once("abort", listener);
    return () => {
      this.removeListener("abort", listener);
    };
  }

  /** A Web AbortSignal that aborts with this switch. */
  toSignal(): AbortSignal {
    const controller = new AbortController();
    if (this.aborted) controller.abort(this.reason);
    else this.once("abort", () => controller.abort(this.reason));
    return controller.signal;
  }
}

/** A Web AbortSignal (a Next route's request signal) seen as an Abortable. */
export function abortableOf(signal: AbortSignal): Abortable {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason;
    },
    onAbort(listener) {
      if (signal.aborted) return () => {};
      signal.addEventListener("abort", listener, { once: true });
      return () => signal.removeEventListener("abort", listener);
    },
  };
}
