// POST /api/auth/password-reset/confirm — sets a new password with a reset link's token.
import { z } from "zod";
import { resetPasswordWithToken } from "@/lib/data/email-tokens";
import { TOKEN_PROBLEMS } from "@/lib/email/token";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  token: z.string().max(200),
  password: z.string().max(1024),
});

export const POST = route({ auth: "none", sameOrigin: true, body: bodySchema }, async ({ body }) => {
  const result = await resetPasswordWithToken({ token: body.token, password: body.password });
  if (result.status !== "claimed")
    throw new AppError("invalid_request", TOKEN_PROBLEMS.password_reset[result.status], { param: "token" });
  return { ok: true };
});
