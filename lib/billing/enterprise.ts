import { z } from "zod";

// The Enterprise contact form, validated the same way in the browser and by POST /api/enterprise.

export const enterpriseInquirySchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(120, "Name is too long."),
  email: z
    .string({ error: "Enter your work email." })
    .trim()
    .max(320, "Email is too long.")
    .pipe(z.email({ error: "Enter a valid email address." })),
  company: z
    .string({ error: "Company must be text." })
    .trim()
    .max(200, "Company is too long.")
    .optional()
    .transform((v) => v || null),
  message: z
    .string({ error: "Tell us what you need." })
    .trim()
    .min(10, "Tell us a little more (at least 10 characters).")
    .max(5_000, "Message is too long (5,000 characters at most)."),
});

export type EnterpriseInquiry = z.input<typeof enterpriseInquirySchema>;
