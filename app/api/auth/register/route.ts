// POST /api/auth/register — creates an account and signs it in. The sign-up grant and the invite
// reward come now, or, when this deployment sends email, once the address is confirmed.
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { createUser } from "@/lib/data/users";
import { inBackground, sendVerification } from "@/lib/email/flows";
import { emailDelivery, linkOrigin } from "@/lib/email/send";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { route } from "@/lib/http/route";
import { consumeSignup } from "@/lib/ip-limits";
import { passwordProblem } from "@/lib/password-policy";

export const dynamic = "force-dynamic";

const registerSchema = z.object({
  email: z.email("Enter a valid email address.").max(320),
  // Checked here too, before the sign-up limit counts the attempt.
  password: z.string().superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  name: z.string().trim().max(100).optional(),
  inviteCode: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((v) => v || undefined),
});

export const POST = route(
  { auth: "none", sameOrigin: true, body: registerSchema },
  async ({ req, body: { email, password, name, inviteCode } }) => {
    const wait = await consumeSignup(clientIp(req.headers));
    if (wait > 0) {
      throw new AppError(
        "rate_limit_exceeded",
        `Too many sign-ups from this network. Try again in ${wait} s.`,
        {
          retryAfter: wait,
        },
      );
    }
    const awaitVerification = emailDelivery();
    const user = await createUser({ email, password, name: name || null, inviteCode, awaitVerification });
    if (awaitVerification) {
      const origin = linkOrigin(req.headers);
      inBackground("verification", () => sendVerification({ userId: user.id, email: user.email, origin }));
    }
    // The account exists now; if signing in is refused (e.g. this IP is throttled), the page
    // sends the person to /login instead of failing the registration.
    let signedIn = true;
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (!(error instanceof CredentialsSignin)) throw error;
      signedIn = false;
    }
    return Response.json(
      { id: user.id, email: user.email, signedIn, verificationSent: awaitVerification },
      { status: 201 },
    );
  },
);
