import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbTarget, dbTargets, openDbTarget } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The WAL checkpoint process of the embedded database: the hot connection's commits leave
// checkpoints to it, it copies the log back while they go on, and if it dies the hot connection
// takes them up again at SQLite's default.

const { targets, cleanup } = dbTargets("checkpointer");
const sqlite = targets.filter((t) => t.name === "sqlite");
afterAll(cleanup);

describe.each(sqlite)("the checkpoint process on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let hot: typeof import("@/lib/db/hot");
  let checkpointer: typeof import("@/lib/db/checkpointer");
  let file: string;

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    hot = await import("@/lib/db/hot");
    checkpointer = await import("@/lib/db/checkpointer");
    file = dbMod.dbConfig().url.slice("file:".length);
  });
  afterAll(() => closeDbTarget(dbMod));

  const autocheckpoint = async () =>
    (await hot.hotQuery<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint", []))[0]
      ?.wal_autocheckpoint;

  it("copies the hot connection's commits back to the database file while they go on", async () => {
    await hot.hotExecute('CREATE TABLE "CheckpointProbe" ("id" INTEGER PRIMARY KEY, "v" TEXT)', []);
    expect(await autocheckpoint()).toBe(checkpointer.FALLBACK_AUTOCHECKPOINT_PAGES);

    const done = new Promise<{ log: number; checkpointed: number }>((resolve) => {
      const stop = checkpointer.onCheckpoint(file, (result) => {
        if (result.log > 0 && result.checkpointed === result.log) {
          stop();
          resolve(result);
        }
      });
    });
    // Each commit a page or more of its own.
    for (let i = 0; i < 300; i++)
      await hot.hotExecute('INSERT INTO "CheckpointProbe" ("v") VALUES (?)', ["x".repeat(3_000)]);
    const result = await done;
    expect(result.checkpointed).toBe(result.log);

    const rows = await hot.hotQuery<{ n: number }>('SELECT count(*) AS n FROM "CheckpointProbe"', []);
    expect(Number(rows[0]?.n)).toBe(300);
  });

  it("keeps the log bounded under steady writes (it rewinds the log once it is long)", async () => {
    const pages = checkpointer.FALLBACK_AUTOCHECKPOINT_PAGES;
    // Two and a half times the fallback's pages (a 3 kB row fills a page), with no pause for the
    // process to catch up: a log that never rewound would hold them all.
    for (let i = 0; i < pages * 2.5; i++)
      await hot.hotExecute('INSERT INTO "CheckpointProbe" ("v") VALUES (?)', ["y".repeat(3_000)]);
    const frames = (fs.statSync(`${file}-wal`).size - 32) / (4_096 + 24);
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(pages * 1.5);
  });

  it("hands checkpoints back to the hot connection when the process is gone", async () => {
    await checkpointer.stopCheckpointer(file);
    expect(await autocheckpoint()).toBe(1000);
    expect(() => checkpointer.onCheckpoint(file, () => undefined)).toThrow(/no checkpoint process/);
  });
});
