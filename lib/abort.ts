import { EventEmitter } from "node:events";

// The client's side of a request, as the gateway sees it: the Node adapter makes one cheap
// EventEmitter-based switch per connection (an AbortSignal with a listener costs measurably more on
// that path), and a Next route's AbortSignal is wrapped with abortableOf(). Upstream calls use a
// plain AbortController (lib/providers/router.ts).

/** What may be called off: whether it has been, why, and a way to hear it. */
export interface Abortable {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when this aborts (never, if it already has); returns a function that stops listening. */
  onAbort(listener: () => void): () => void;
}

/** An Abortable that its owner aborts. */
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
