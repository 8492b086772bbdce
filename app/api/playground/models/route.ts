// GET /api/playground/models — the models routable now, with their limits and parameter rules, for the playground's controls.
import { withSession } from "@/lib/http/session";
import { playgroundModels } from "@/lib/playground/server";

export const dynamic = "force-dynamic";

export const GET = withSession(async () => ({ models: playgroundModels() }));
