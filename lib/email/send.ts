import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { requestOrigin } from "@/lib/request-origin";
import type { EmailMessage } from "./templates";

// The one way out for email: SMTP when SMTP_URL is set; otherwise (development) each message is
// written to the server log, links included, so the flows can be followed without a mail server.

const globalForMail = globalThis as unknown as { kimiMailer?: Transporter };

/** True when messages really go out (and sign-up credits wait for a confirmed address). */
export function emailDelivery(): boolean {
  return Boolean(env().SMTP_URL);
}

function transporter(url: string): Transporter {
  globalForMail.kimiMailer ??= nodemailer.createTransport(url);
  return globalForMail.kimiMailer;
}

/** Sends one message; throws when the SMTP server refuses it (the error never holds SMTP_URL). */
export async function sendEmail({ to, message }: { to: string; message: EmailMessage }): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) {
    logger.info({ to, subject: message.subject, text: message.text }, "email not sent (no SMTP_URL): logged");
    return;
  }
  try {
    await transporter(e.SMTP_URL).sendMail({
      from: e.EMAIL_FROM,
      to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
  } catch (error) {
    // nodemailer's errors can quote the server's greeting or the command; keep the code only.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    throw new Error(`sending email failed (${code ?? "error"}${responseCode ? ` ${responseCode}` : ""})`);
  }
}

/** Sends in the background of a request: a failure is logged, never shown to the person. */
export function sendEmailLater({ to, message, kind }: { to: string; message: EmailMessage; kind: string }) {
  return sendEmail({ to, message }).catch((error: unknown) => {
    logger.error({ kind, err: (error as Error).message }, "an email could not be sent");
  });
}

/**
 * The origin links in emails point at: PUBLIC_URL, else AUTH_URL's origin, else the request's own.
 * A webhook's or a background job's request is not the user's, so configured values win.
 */
export function linkOrigin(headers: Headers): string {
  const e = env();
  if (e.PUBLIC_URL) return e.PUBLIC_URL.replace(/\/+$/, "");
  if (e.AUTH_URL) return new URL(e.AUTH_URL).origin;
  return requestOrigin(headers);
}
