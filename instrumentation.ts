// Runs once when the server starts: apply pending migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
}
