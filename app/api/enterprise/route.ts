// POST /api/enterprise — saves an Enterprise contact-form inquiry (signed in or not).
import { createHash } from "node:crypto";
import { getSessionUser } from "@/lib/auth";
import { enterpriseInquirySchema } from "@/lib/billing/enterprise";
import { isUniqueViolation } from "@/lib/data/credits";
import { db } from "@/lib/db";
import { AppError, errorResponse, toAppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";
import { isSameOrigin } from "@/lib/http/session";
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
    const user = await getSessionUser();
    // The same message from the same address is stored once: its id is derived from both, so a
    // double submit (or ten at once) collides on the primary key instead of adding rows.
    const id = `inq_${createHash("sha256").update(`${inquiry.email.toLowerCase()}\n${inquiry.message}`).digest("hex").slice(0, 32)}`;
    try {
      await db().enterpriseInquiry.create({ data: { id, ...inquiry, userId: user?.id ?? null } });
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
