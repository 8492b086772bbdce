// Runs once when the server starts: apply pending migrations before the first request (and, as
// the production server's child, stop cleanly with it). The Node-only part is its own module.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerNode } = await import("@/server/instrumentation-node");
  await registerNode();
}
