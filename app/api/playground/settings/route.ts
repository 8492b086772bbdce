// GET /api/playground/settings — the user's default playground settings; PUT saves them.
import { getUserSettings, saveUserSettings } from "@/lib/data/conversations";
import { withSession } from "@/lib/http/session";
import { playgroundModels } from "@/lib/playground/server";
import { playgroundSettingsSchema, readSettings } from "@/lib/playground/settings";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => ({
  settings: readSettings(await getUserSettings({ userId: user.id }), playgroundModels()) ?? null,
}));

export const PUT = withSession(
  async ({ user, body }) => {
    await saveUserSettings({ userId: user.id, settings: body });
    return { settings: body };
  },
  { body: playgroundSettingsSchema },
);
