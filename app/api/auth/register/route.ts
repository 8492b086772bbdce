// POST /api/auth/register — creates an account (sign-up grant, invite reward) and signs it in.
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { createUser } from "@/lib/data/users";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";
import { clientIp } from "@/lib/http/client-ip";
import { isSameOrigin, SESSION_BODY_LIMIT } from "@/lib/http/session";
import { consumeSignup } from "@/lib/ip-limits";
import { logger } from "@/lib/logger";
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

export async function POST(req: Request) {
  try {
    if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused.");
    const { email, password, name, inviteCode } = await parseJsonBody(req, registerSchema, {
      limit: SESSION_BODY_LIMIT,
      prefixParam: false,
    });
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
    const user = await createUser({ email, password, name: name || null, inviteCode });
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
      { id: user.id, email: user.email, signedIn },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") logger.error({ err: error }, "registration failed");
    return errorResponse(appError, "json");
  }
}
