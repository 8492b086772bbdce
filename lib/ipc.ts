import type { ChildProcess } from "node:child_process";
import type { MetricObjectWithValues, MetricValue } from "prom-client";

// The messages between the production server's two processes (server/main.ts): the gateway
// (parent) and Next.js (its child, over the IPC channel). The child tells the parent of each key
// revoked on the dashboard, so the parent's key cache drops it at once; at shutdown the parent
// asks the child to write the request logs it holds (Next's own SIGTERM handler exits without
// waiting for a write) and waits for its answer. A scrape of /metrics asks the child for its
// metrics, so that one answer covers both processes. Outside the production server there is no
// parent and these do nothing.

export const KEY_REVOKED = "kimi:api-key-revoked";
const FLUSH_ASKED = "kimi:request-logs-flush";
const FLUSH_DONE = "kimi:request-logs-flushed";
const METRICS_ASKED = "kimi:metrics-asked";
const METRICS = "kimi:metrics";

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** From Next.js to the gateway. */
export type ChildMessage =
  | { type: typeof KEY_REVOKED; keyId: string }
  | { type: typeof FLUSH_DONE }
  | { type: typeof METRICS; id: number; metrics: MetricsJson };
/** From the gateway to Next.js. */
export type ParentMessage = { type: typeof FLUSH_ASKED } | { type: typeof METRICS_ASKED; id: number };

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

/** In the child: answers each of the parent's requests for metrics with what `collect` gives. */
export function answerMetricsRequests(collect: () => Promise<MetricsJson>): void {
  process.on("message", (message: unknown) => {
    if (typeOf(message) !== METRICS_ASKED) return;
    const id = (message as { id: number }).id;
    void collect().then((metrics) => tellParent({ type: METRICS, id, metrics }));
  });
}

let lastMetricsId = 0;

/** In the parent: the child's metrics, or undefined if it has gone or not answered within `timeoutMs`. */
export function childMetrics(child: ChildProcess, timeoutMs: number): Promise<MetricsJson | undefined> {
  if (!child.connected) return Promise.resolve(undefined);
  const id = ++lastMetricsId;
  return new Promise((resolve) => {
    const done = (metrics?: MetricsJson) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(metrics);
    };
    const onMessage = (message: unknown) => {
      const answer = message as { id?: unknown; metrics?: MetricsJson };
      if (typeOf(message) === METRICS && answer.id === id) done(answer.metrics);
    };
    const onExit = () => done();
    const timer = setTimeout(done, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
    const ask: ParentMessage = { type: METRICS_ASKED, id };
    child.send(ask, (error) => error && done());
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
