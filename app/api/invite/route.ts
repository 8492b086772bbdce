// GET /api/invite — the user's invite code and link, invitees (emails masked) and rewards earned.
import { getInviteSummary } from "@/lib/data/invites";
import { withSession } from "@/lib/http/session";
import { requestOrigin } from "@/lib/request-origin";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ req, user }) => {
  const summary = await getInviteSummary({ userId: user.id });
  const link = `${requestOrigin(req.headers)}/register?invite=${encodeURIComponent(summary.code)}`;
  return { ...summary, link };
});
