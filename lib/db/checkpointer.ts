import "server-only";
import { Worker } from "node:worker_threads";
import { logger } from "@/lib/logger";

// Copies the SQLite write-ahead log back into the database file from a thread of its own, so
// that no request pays for it. Left to itself, SQLite checkpoints inside whichever commit pushes
// the log past 1,000 pages: one request in ~130 on the hot path then waits 2–5 ms for the copy
// and its fsyncs (measured here: p99.9 of the credit reservation 3.5 ms with it, 0.24 ms
// without), and a request's mean cost rises by a quarter. A PASSIVE checkpoint never takes the
// write lock, so it runs beside the hot connection's commits without ever blocking one.
//
// If this thread cannot run, the hot connection's own automatic checkpoint, set far higher
// (FALLBACK_AUTOCHECKPOINT_PAGES), still bounds the log.

/** The hot connection's own automatic checkpoint, for when this thread is behind or gone. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const INTERVAL_MS = 100;

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

interface Checkpointer {
  worker: Worker;
  listeners: Set<(result: CheckpointResult) => void>;
}

// CommonJS, evaluated in the thread: no bundler between it and `libsql` (which Next keeps
// external), so it runs the same under `next` and under the gateway process.
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("libsql");
const db = new Database(workerData.file, { timeout: 0 });
db.exec("PRAGMA synchronous = NORMAL");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
let last = -1;
setInterval(() => {
  try {
    const [row] = checkpoint.all();
    // Quiet when there is nothing new, so an idle server does not chatter.
    if (row && (row.log !== last || row.log !== row.checkpointed)) {
      last = row.log;
      parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed, busy: row.busy });
    }
  } catch (error) {
    // SQLITE_BUSY: another connection is checkpointing this very moment; the next turn will do.
    if (error && error.code !== "SQLITE_BUSY") parentPort.postMessage({ error: String(error.message || error) });
  }
}, workerData.intervalMs);
`;

const globalForCheckpointer = globalThis as unknown as { kimiCheckpointers?: Map<string, Checkpointer> };
globalForCheckpointer.kimiCheckpointers ??= new Map();
const checkpointers = globalForCheckpointer.kimiCheckpointers;

/** Starts the checkpoint thread for this database file (once per process); `onGone` runs if it dies. */
export function startCheckpointer(file: string, onGone: () => void): void {
  if (checkpointers.has(file)) return;
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, intervalMs: INTERVAL_MS } });
  const entry: Checkpointer = { worker, listeners: new Set() };
  checkpointers.set(file, entry);
  // Never what keeps a process alive.
  worker.unref();
  worker.on("message", (message: CheckpointResult & { error?: string }) => {
    if (message.error) {
      logger.warn({ err: message.error }, "WAL checkpoint failed");
      return;
    }
    for (const listener of entry.listeners) listener(message);
  });
  worker.on("error", (error) => logger.error({ err: error }, "WAL checkpoint thread failed"));
  worker.on("exit", () => {
    checkpointers.delete(file);
    onGone();
  });
}

/** Runs `listener` after each checkpoint that found something to do (tests, diagnostics). */
export function onCheckpoint(file: string, listener: (result: CheckpointResult) => void): () => void {
  const entry = checkpointers.get(file);
  if (!entry) throw new Error(`no checkpoint thread for ${file}`);
  entry.listeners.add(listener);
  return () => entry.listeners.delete(listener);
}

/** Stops the thread (tests: what happens when it is gone). Resolves once it has exited. */
export async function stopCheckpointer(file: string): Promise<void> {
  const entry = checkpointers.get(file);
  if (!entry) return;
  const exited = new Promise((resolve) => entry.worker.once("exit", resolve));
  await entry.worker.terminate();
  await exited;
}
