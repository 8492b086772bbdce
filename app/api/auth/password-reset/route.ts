// POST /api/auth/password-reset — emails a reset link to the address's account, if there is one.
import { z } from "zod";
import { normaliseEmail } from "@/lib/data/users";
import { inBackground, sendPasswordReset } from "@/lib/email/flows";
import { consumeResetRequest } from "@/lib/email/limits";
import { linkOrigin } from "@/lib/email/send";
import { clientIp } from "@/lib/http/client-ip";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const RESET_REQUESTED =
  "If an account uses this address, we have sent it a link to choose a new password. The link works for 30 minutes.";

const bodySchema = z.object({ email: z.email("Enter a valid email address.").max(320) });

export const POST = route({ auth: "none", sameOrigin: true, body: bodySchema }, async ({ req, body }) => {
  const email = normaliseEmail(body.email);
  await consumeResetRequest({ email, ip: clientIp(req.headers) });
  // Not awaited: the answer is the same, and as quick, whether or not the account exists.
  const origin = linkOrigin(req.headers);
  inBackground("password reset", () => sendPasswordReset({ email, origin }));
  return { ok: true, message: RESET_REQUESTED };
});
