import { describe, expect, it, vi } from "vitest";
import { AbortSwitch, abortableOf } from "@/lib/abort";

describe("AbortSwitch", () => {
  it("aborts once, with its reason, and tells each listener once", () => {
    const abort = new AbortSwitch();
    const heard = vi.fn();
    abort.onAbort(heard);
    const reason = new Error("client went away");
    abort.abort(reason);
    abort.abort(new Error("later"));
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe(reason);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("a listener that stopped listening hears nothing; one added after the abort is never called", () => {
    const abort = new AbortSwitch();
    const gone = vi.fn();
    const stop = abort.onAbort(gone);
    stop();
    abort.abort();
    const late = vi.fn();
    abort.onAbort(late)();
    expect(gone).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
    expect(abort.listenerCount("abort")).toBe(0);
  });
});

describe("abortableOf", () => {
  it("sees a Web AbortSignal as an Abortable", () => {
    const controller = new AbortController();
    const abortable = abortableOf(controller.signal);
    const heard = vi.fn();
    const stopped = vi.fn();
    abortable.onAbort(heard);
    abortable.onAbort(stopped)();
    expect(abortable.aborted).toBe(false);
    controller.abort(new Error("closed"));
    expect(abortable.aborted).toBe(true);
    expect((abortable.reason as Error).message).toBe("closed");
    expect(heard).toHaveBeenCalledTimes(1);
    expect(stopped).not.toHaveBeenCalled();
  });
});
