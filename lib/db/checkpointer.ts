import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { logger } from "@/lib/logger";

// Copies the SQLite write-ahead log back into the database file from a small process of its own,
// so that no request pays for it. Left to itself, SQLite checkpoints inside whichever commit pushes
// the log past 1,000 pages, and that request waits for the copy and its fsyncs (the tail latency
// this removes is in docs/benchmarks.md). A PASSIVE checkpoint never takes the
// write lock, so it runs beside the hot connection's commits without ever blocking one. A process
// rather than a worker thread: the SQLite binding (neon) can panic when a thread that used it is
// torn down, and a panic there would take the whole server with it.
//
// Under steady writes a PASSIVE checkpoint never finds the whole log copied at the moment of the
// next commit, and SQLite only rewinds a log that is. So once the log has reached
// RESTART_PAGES this process asks for a RESTART checkpoint: it waits for no one (busy timeout 0:
// when a commit or a read is in flight it tries again on its next turn), copies the little that
// is left, and the next commit starts the log again from its beginning. The hot connection keeps
// an automatic checkpoint of its own, set far higher, for when this process is behind, and goes
// back to SQLite's default of 1,000 pages if it dies.

/** The hot connection's own automatic checkpoint, for when this process is behind or gone. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/** SQLite's own default, which the hot connection goes back to once this process is gone. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
const INTERVAL_MS = 100;
/** The log's size, in pages, at which this process rewinds it. */
export const RESTART_PAGES = 4_000;

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

interface Checkpointer {
  child: ChildProcess;
  listeners: Set<(result: CheckpointResult) => void>;
  /** What to do once it is gone: one per hot connection to this file (tests reload modules). */
  onGone: Set<() => void>;
  stopping?: boolean;
}

// CommonJS for `node -e`, which resolves `libsql` from the app's folder as the app does. It exits
// when the app does (its IPC channel closes), however the app ends.
const SOURCE = `
const Database = require("libsql");
const db = new Database(process.argv[1], { timeout: 0 });
db.exec("PRAGMA synchronous = NORMAL");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const restart = db.prepare("PRAGMA wal_checkpoint(RESTART)");
const restartPages = Number(process.argv[3]);
let last = -1;
setInterval(() => {
  try {
    let [row] = checkpoint.all();
    if (row && row.log >= restartPages) [row] = restart.all();
    // Quiet when there is nothing new, so an idle server does not chatter.
    if (row && (row.log !== last || row.log !== row.checkpointed)) {
      last = row.log;
      process.send({ log: row.log, checkpointed: row.checkpointed });
    }
  } catch (error) {
    // SQLITE_BUSY: another connection is checkpointing this very moment; the next turn will do.
    if (error && error.code !== "SQLITE_BUSY") process.send({ error: String(error.message || error) });
  }
}, Number(process.argv[2]));
process.on("disconnect", () => process.exit(0));
`;

const globalForCheckpointer = globalThis as unknown as { kimiCheckpointers?: Map<string, Checkpointer> };
globalForCheckpointer.kimiCheckpointers ??= new Map();
const checkpointers = globalForCheckpointer.kimiCheckpointers;

/** Starts the checkpoint process for this database file (once per process); `onGone` runs if it ends. */
export function startCheckpointer(file: string, onGone: () => void): void {
  const running = checkpointers.get(file);
  if (running) {
    running.onGone.add(onGone);
    return;
  }
  const child = spawn(process.execPath, ["-e", SOURCE, file, String(INTERVAL_MS), String(RESTART_PAGES)], {
    cwd: process.cwd(),
    // Nothing else of the app's environment (its secrets least of all): node needs none of it.
    env: { NODE_ENV: process.env.NODE_ENV },
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  const entry: Checkpointer = { child, listeners: new Set(), onGone: new Set([onGone]) };
  checkpointers.set(file, entry);
  // Never what keeps the app alive.
  child.unref();
  child.channel?.unref();
  child.on("message", (message: CheckpointResult & { error?: string }) => {
    if (message.error) {
      logger.warn({ err: message.error }, "WAL checkpoint failed");
      return;
    }
    for (const listener of entry.listeners) listener(message);
  });
  child.on("error", (error) => logger.error({ err: error }, "the WAL checkpoint process failed"));
  child.once("exit", (code, signal) => {
    checkpointers.delete(file);
    if (!entry.stopping) logger.warn({ code, signal }, "the WAL checkpoint process ended");
    for (const gone of entry.onGone) gone();
  });
}

/** Runs `listener` after each checkpoint that found something to do (tests, diagnostics). */
export function onCheckpoint(file: string, listener: (result: CheckpointResult) => void): () => void {
  const entry = checkpointers.get(file);
  if (!entry) throw new Error(`no checkpoint process for ${file}`);
  entry.listeners.add(listener);
  return () => entry.listeners.delete(listener);
}

/** Stops the process (tests: what happens when it is gone). Resolves once it has exited. */
export async function stopCheckpointer(file: string): Promise<void> {
  const entry = checkpointers.get(file);
  if (!entry) return;
  entry.stopping = true;
  const exited = once(entry.child, "exit");
  entry.child.kill();
  await exited;
}
