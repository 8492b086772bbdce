// GET /api/keys/:id — one of the user's keys with usage; DELETE /api/keys/:id — revokes it (404 for anyone else's id).
import { listApiKeys, revokeApiKey } from "@/lib/data/api-keys";
import { AppError } from "@/lib/errors";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const GET = withSession<undefined, { id: string }>(async ({ user, params }) => {
  const [key] = await listApiKeys({ userId: user.id, keyId: params.id });
  if (!key) throw new AppError("not_found", "API key not found.");
  return key;
});

export const DELETE = withSession<undefined, { id: string }>(async ({ user, params }) => {
  await revokeApiKey({ userId: user.id, keyId: params.id });
  const [key] = await listApiKeys({ userId: user.id, keyId: params.id });
  return key;
});
