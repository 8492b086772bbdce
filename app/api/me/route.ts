// GET /api/me — the signed-in user's id, email, credit balance and invite code (the shell's header).
import { expireGrants } from "@/lib/data/credits";
import { db } from "@/lib/db";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => {
  const select = {
    id: true,
    email: true,
    name: true,
    balance: true,
    inviteCode: true,
    nextExpiryAt: true,
  } as const;
  let me = await db().user.findUniqueOrThrow({ where: { id: user.id }, select });
  // Grants that expired since the last sweep must not show as spendable.
  if (me.nextExpiryAt && me.nextExpiryAt <= new Date()) {
    await expireGrants({ userId: user.id });
    me = await db().user.findUniqueOrThrow({ where: { id: user.id }, select });
  }
  return { id: me.id, email: me.email, name: me.name, balance: me.balance, inviteCode: me.inviteCode };
});
