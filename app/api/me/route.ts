// GET /api/me — the signed-in user's id, email, credit balance and invite code (the shell's header).
import { getAccountSummary } from "@/lib/data/users";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => getAccountSummary({ userId: user.id }));
