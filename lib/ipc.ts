import type { ChildProcess } from "node:child_process";

// The messages between the production server's two processes (server/main.ts): the gateway
// (parent) and Next.js (its child, over the IPC channel). The child tells the parent of each key
// revoked on the dashboard, so the parent's key cache drops it at once; at shutdown the parent
// asks the child to write the request logs it holds (Next's own SIGTERM handler exits without
// waiting for a write) and waits for its answer. Outside the production server there is no
// parent and these do nothing.

export const KEY_REVOKED = "kimi:api-key-revoked";
const FLUSH_ASKED = "kimi:request-logs-flush";
const FLUSH_DONE = "kimi:request-logs-flushed";

/** From Next.js to the gateway. */
export type ChildMessage = { type: typeof KEY_REVOKED; keyId: string } | { type: typeof FLUSH_DONE };
/** From the gateway to Next.js. */
export type ParentMessage = { type: typeof FLUSH_ASKED };

function typeOf(message: unknown): unknown {
  return typeof message === "object" && message !== null ? (message as { type?: unknown }).type : undefined;
}

/** True in a process started with an IPC channel (Next.js under the production server). */
export function hasParent(): boolean {
  return Boolean(process.send);
}

/** In the child: sends `message`; resolves once it is on the channel (at once without a parent). */
export function tellParent(message: ChildMessage): Promise<void> {
  if (!process.send) return Promise.resolve();
  return new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));
}

/** In the child: on the parent's word, runs `flush` (writes the queued request logs), then answers. */
export function answerFlushRequests(flush: () => Promise<void>): void {
  process.on("message", (message: unknown) => {
    if (typeOf(message) !== FLUSH_ASKED) return;
    void flush().then(() => tellParent({ type: FLUSH_DONE }));
  });
}

/**
 * In the parent: a listener for the child's messages; a key revocation goes to `keyRevoked` at
 * once. Returns whether the message was one it handles.
 */
export function childMessageHandler(handlers: { keyRevoked(keyId: string): void }) {
  return (message: unknown): boolean => {
    const keyId = (message as { keyId?: unknown } | null)?.keyId;
    if (typeOf(message) !== KEY_REVOKED || typeof keyId !== "string") return false;
    handlers.keyRevoked(keyId);
    return true;
  };
}

/** In the parent: resolves once `child` has written its queued logs, has gone, or `timeoutMs` has passed. */
export function flushChildRequestLogs(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (!child.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", done);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if (typeOf(message) === FLUSH_DONE) done();
    };
    const timer = setTimeout(done, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", done);
    const ask: ParentMessage = { type: FLUSH_ASKED };
    child.send(ask, (error) => error && done());
  });
}
