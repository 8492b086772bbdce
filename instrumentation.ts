// Runs once when the server starts: apply pending migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Under the production server (scripts/server.ts) Next is a child process, stopped with SIGTERM:
  // Next's own handler lets the requests in flight finish, then exits; the request logs queued
  // before and during that are written at once, not left in the batching timer. If the parent
  // goes, the child goes too, rather than hold its port as an orphan.
  if (process.send) {
    const { writeRequestLogsAtOnce } = await import("@/lib/data/usage");
    process.once("SIGTERM", () => void writeRequestLogsAtOnce());
    process.once("disconnect", () => {
      writeRequestLogsAtOnce().finally(() => process.exit(0));
    });
  }
  const { ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
}
