// POST /api/enterprise — saves an Enterprise contact-form inquiry (signed in or not).
import { getSessionUser } from "@/lib/auth";
import { enterpriseInquirySchema } from "@/lib/billing/enterprise";
import { createEnterpriseInquiry } from "@/lib/data/enterprise-inquiries";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { route } from "@/lib/http/route";
import { consumeEnterpriseInquiry, enterpriseInquiryWait } from "@/lib/ip-limits";

export const dynamic = "force-dynamic";

function tooMany(wait: number): AppError {
  return new AppError(
    "rate_limit_exceeded",
    `Too many messages from your network. Try again in ${Math.ceil(wait / 60)} min.`,
    { retryAfter: wait },
  );
}

// Same-origin only: a cross-site form could otherwise fill this table from any page on the web.
// The session is read after the address's limit, so a full address is refused before any
// database work.
export const POST = route(
  { auth: "none", sameOrigin: true, body: enterpriseInquirySchema, limit: 16 * 1024 },
  async ({ req, body: inquiry }) => {
    // Anyone may post this form: each address may store a few an hour, or a script fills the table.
    const ip = clientIp(req.headers);
    const full = await enterpriseInquiryWait(ip);
    if (full > 0) throw tooMany(full);
    const user = await getSessionUser();
    const created = await createEnterpriseInquiry({
      inquiry,
      userId: user?.id ?? null,
      admit: async () => {
        const wait = await consumeEnterpriseInquiry(ip);
        if (wait > 0) throw tooMany(wait);
      },
    });
    return Response.json({ ok: true }, { status: created ? 201 : 200 });
  },
);
