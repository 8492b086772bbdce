import { writeRequestLogsAtOnce } from "@/lib/data/usage";
import { ensureMigrated } from "@/lib/db";

// What instrumentation.ts runs on the Node.js runtime, apart so that Next's Edge compile of
// instrumentation.ts never sees a Node API.
export async function registerNode() {
  // Under the production server (scripts/server.ts) Next is a child process, stopped with SIGTERM:
  // Next's own handler lets the requests in flight finish, then exits; the request logs queued
  // before and during that are written at once, not left in the batching timer. If the parent
  // goes, the child goes too, rather than hold its port as an orphan.
  if (process.send) {
    process.once("SIGTERM", () => void writeRequestLogsAtOnce());
    process.once("disconnect", () => {
      writeRequestLogsAtOnce().finally(() => process.exit(0));
    });
  }
  await ensureMigrated();
}
