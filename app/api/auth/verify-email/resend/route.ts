// POST /api/auth/verify-email/resend — a new confirmation link for the signed-in user's address.
import { isEmailVerified } from "@/lib/data/email-tokens";
import { sendVerification } from "@/lib/email/flows";
import { consumeVerificationResend } from "@/lib/email/limits";
import { emailDelivery, linkOrigin } from "@/lib/email/send";
import { AppError } from "@/lib/errors";
import { withSession } from "@/lib/http/session";

export const dynamic = "force-dynamic";

export const POST = withSession(async ({ req, user }) => {
  if (!emailDelivery()) throw new AppError("not_found", "This deployment sends no email.");
  if (await isEmailVerified({ userId: user.id })) return { ok: true, alreadyVerified: true };
  await consumeVerificationResend({ userId: user.id });
  await sendVerification({ userId: user.id, email: user.email, origin: linkOrigin(req.headers) });
  return { ok: true, alreadyVerified: false };
});
