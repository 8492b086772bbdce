import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { enterpriseInquirySchema } from "@/lib/billing/enterprise";
import { isUniqueViolation } from "@/lib/data/credits";
import { db } from "@/lib/db";

/**
 * Stores an Enterprise inquiry once: the same message from the same address gets the same id, so
 * a double submit (or ten at once) collides on the primary key instead of adding rows. `admit`
 * runs in the row's transaction (a throw there rolls it back), so only a row actually added is
 * counted. False for a duplicate.
 */
export async function createEnterpriseInquiry({
  inquiry,
  userId,
  admit,
}: {
  inquiry: z.output<typeof enterpriseInquirySchema>;
  userId: string | null;
  admit: () => Promise<void>;
}): Promise<boolean> {
  const id = `inq_${createHash("sha256").update(`${inquiry.email.toLowerCase()}\n${inquiry.message}`).digest("hex").slice(0, 32)}`;
  try {
    await db().$transaction(async (tx) => {
      await tx.enterpriseInquiry.create({ data: { id, ...inquiry, userId } });
      await admit();
    });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return false;
  }
}
