// POST /api/enterprise — saves an Enterprise contact-form inquiry (signed in or not).
import { createHash } from "node:crypto";
import { getSessionUser } from "@/lib/auth";
import { enterpriseInquirySchema } from "@/lib/billing/enterprise";
import { isUniqueViolation } from "@/lib/data/credits";
import { db } from "@/lib/db";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";
import { clientIp } from "@/lib/http/client-ip";
import { isSameOrigin } from "@/lib/http/session";
import { consumeEnterpriseInquiry, enterpriseInquiryWait } from "@/lib/ip-limits";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 16 * 1024;

function tooMany(wait: number): AppError {
  return new AppError(
    "rate_limit_exceeded",
    `Too many messages from your network. Try again in ${Math.ceil(wait / 60)} min.`,
    { retryAfter: wait },
  );
}

export async function POST(req: Request): Promise<Response> {
  try {
    // A cross-site form could otherwise fill this table from any page on the web.
    if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused.");
    const inquiry = await parseJsonBody(req, enterpriseInquirySchema, {
      limit: MAX_BODY_BYTES,
      prefixParam: false,
    });
    // Anyone may post this form: each address may store a few an hour, or a script fills the
    // table. A full address is refused before any database work.
    const ip = clientIp(req.headers);
    const full = await enterpriseInquiryWait(ip);
    if (full > 0) throw tooMany(full);
    const user = await getSessionUser();
    // The same message from the same address is stored once: its id is derived from both, so a
    // double submit (or ten at once) collides on the primary key instead of adding rows. Only a
    // row actually added is counted, in its own transaction: over the limit, it is rolled back.
    const id = `inq_${createHash("sha256").update(`${inquiry.email.toLowerCase()}\n${inquiry.message}`).digest("hex").slice(0, 32)}`;
    try {
      await db().$transaction(async (tx) => {
        await tx.enterpriseInquiry.create({ data: { id, ...inquiry, userId: user?.id ?? null } });
        const wait = await consumeEnterpriseInquiry(ip);
        if (wait > 0) throw tooMany(wait);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return Response.json({ ok: true }, { status: 200 });
    }
    return Response.json({ ok: true }, { status: 201 });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") logger.error({ err: error }, "POST /api/enterprise failed");
    return errorResponse(appError, "json");
  }
}
