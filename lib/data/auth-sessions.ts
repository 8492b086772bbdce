import "server-only";
import { db } from "@/lib/db";

// Server-side records of signed-in browsers (see AuthSession in prisma/schema.prisma). Ending a
// session is deleting its row; a password change deletes them all (setPassword in users.ts).

/** A new session for the user; the user's sessions that have run out are cleared on the way. */
export async function startAuthSession({ userId, maxAgeS }: { userId: string; maxAgeS: number }) {
  const now = Date.now();
  await db().authSession.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } });
  return db().authSession.create({
    data: { userId, expiresAt: new Date(now + maxAgeS * 1000) },
    select: { id: true },
  });
}

/** The user of a live session (one lookup by primary key, joined with the user), or null. */
export async function findAuthSessionUser({ id }: { id: string }) {
  const row = await db().authSession.findUnique({
    where: { id },
    select: { expiresAt: true, user: { select: { id: true, email: true, role: true } } },
  });
  return row && row.expiresAt > new Date() ? row.user : null;
}

export async function endAuthSession({ id }: { id: string }): Promise<void> {
  await db().authSession.deleteMany({ where: { id } });
}
