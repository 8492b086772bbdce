// GET /api/keys — the signed-in user's API keys with 30-day usage; POST /api/keys — creates one (the secret is returned once).
import { z } from "zod";
import { createApiKey, listApiKeys, MAX_ACTIVE_KEYS } from "@/lib/data/api-keys";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

const createKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(64, "Key names are at most 64 characters."),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Expiry must be a date and time." })
    .nullish()
    .transform((v) => (v ? new Date(v) : null)),
});

export const GET = withSession(async ({ user }) => {
  return { data: await listApiKeys({ userId: user.id }), maxActive: MAX_ACTIVE_KEYS };
});

export const POST = withSession(
  async ({ user, body }) => {
    const key = await createApiKey({ userId: user.id, name: body.name, expiresAt: body.expiresAt });
    return Response.json(key, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { body: createKeySchema },
);
