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
import { consumeEnterpriseInquiry, refundEnterpriseInquiry } from "@/lib/ip-limits";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 16 * 1024;

export async function POST(req: Request): Promise<Response> {
  try {
    // A cross-site form could otherwise fill this table from any page on the web.
    if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused.");
    const inquiry = await parseJsonBody(req, enterpriseInquirySchema, {
      limit: MAX_BODY_BYTES,
      prefixParam: false,
    });
    // Anyone may post this form: each address gets a few an hour, or a script fills the table.
    const ip = clientIp(req.headers);
    const wait = await consumeEnterpriseInquiry(ip);
    if (wait > 0) {
      throw new AppError(
        "rate_limit_exceeded",
        `Too many messages from your network. Try again in ${Math.ceil(wait / 60)} min.`,
        { retryAfter: wait },
      );
    }
    const user = await getSessionUser();
    // The same message from the same address is stored once: its id is derived from both, so a
    // double submit (or ten at once) collides on the primary key instead of adding rows.
    const id = `inq_${createHash("sha256").update(`${inquiry.email.toLowerCase()}\n${inquiry.message}`).digest("hex").slice(0, 32)}`;
    try {
      await db().enterpriseInquiry.create({ data: { id, ...inquiry, userId: user?.id ?? null } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await refundEnterpriseInquiry(ip);
      return Response.json({ ok: true }, { status: 200 });
    }
    return Response.json({ ok: true }, { status: 201 });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") logger.error({ err: error }, "POST /api/enterprise failed");
    return errorResponse(appError, "json");
  }
}
