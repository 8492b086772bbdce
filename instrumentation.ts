// Runs once when the server starts: apply pending migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Under the production server (scripts/server.ts) Next is a child process: it goes when its
  // parent goes, rather than hold its port as an orphan.
  if (process.send) process.once("disconnect", () => process.exit(0));
  const { ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
}
