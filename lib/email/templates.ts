import { formatCents } from "@/lib/billing/packages";
import { formatDateTime, formatNumber } from "@/lib/format";

// The emails the app sends, as plain text (what most people read) plus a simple HTML twin. Pure:
// the caller gives every link and figure.

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = "Kimi Playground";

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A paragraph of text, or a button-like link, in the HTML body. */
type Block = { p: string } | { link: string; label: string } | { rows: Array<[string, string]> };

function html(blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if ("p" in b) return `<p style="margin:0 0 16px">${escapeHtml(b.p)}</p>`;
      if ("link" in b)
        return `<p style="margin:0 0 16px"><a href="${escapeHtml(b.link)}" style="display:inline-block;background:#111827;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#4b5563">Or paste this address into your browser:<br>${escapeHtml(b.link)}</p>`;
      const rows = b.rows
        .map(
          ([k, v]) =>
            `<tr><td style="padding:4px 16px 4px 0;color:#4b5563">${escapeHtml(k)}</td><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`,
        )
        .join("");
      return `<table style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
    })
    .join("\n");
  return `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#111827;max-width:560px;margin:0 auto;padding:24px">\n${body}\n<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${PRODUCT}</p></body></html>`;
}

function text(lines: string[]): string {
  return `${lines.join("\n")}\n\n— ${PRODUCT}\n`;
}

export function passwordResetEmail({ link, minutes }: { link: string; minutes: number }): EmailMessage {
  const intro = `Someone (we hope you) asked to reset the password of your ${PRODUCT} account.`;
  const how = `Choose a new password here; the link works once, for ${minutes} minutes:`;
  const after = "Once you set it, every device signed in to your account is signed out.";
  const ignore = "If you did not ask for this, ignore this email: your password stays as it is.";
  return {
    subject: `Reset your ${PRODUCT} password`,
    text: text([intro, "", how, link, "", after, "", ignore]),
    html: html([
      { p: intro },
      { p: how },
      { link, label: "Choose a new password" },
      { p: after },
      { p: ignore },
    ]),
  };
}

export function verifyEmail({ link, credits }: { link: string; credits: number }): EmailMessage {
  const intro = `Welcome to ${PRODUCT}. Confirm that this address is yours to finish setting up your account.`;
  const gift = `Your ${formatNumber(credits)} free credits are added as soon as you confirm:`;
  const ignore = "If you did not create an account, ignore this email: nothing happens without the link.";
  return {
    subject: `Confirm your email for ${PRODUCT}`,
    text: text([intro, "", gift, link, "", ignore]),
    html: html([{ p: intro }, { p: gift }, { link, label: "Confirm my email" }, { p: ignore }]),
  };
}

export interface ReceiptDetails {
  purchaseId: string;
  packageName: string;
  credits: number;
  amountCents: number;
  currency: string;
  paidAt: Date;
  expiresAt: Date | null;
  /** The receipt page in the app. */
  link: string;
}

export function receiptEmail(r: ReceiptDetails): EmailMessage {
  const rows: Array<[string, string]> = [
    ["Package", r.packageName],
    ["Credits", formatNumber(r.credits)],
    ["Amount", `${formatCents(r.amountCents, r.currency)} ${r.currency.toUpperCase()}`],
    ["Date", formatDateTime(r.paidAt)],
    ["Credits expire", r.expiresAt ? formatDateTime(r.expiresAt) : "Never"],
    ["Purchase ID", r.purchaseId],
  ];
  const intro = `Thank you for your purchase. ${formatNumber(r.credits)} credits are in your account.`;
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return {
    subject: `Your ${PRODUCT} receipt: ${r.packageName} package`,
    text: text([
      intro,
      "",
      ...rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`),
      "",
      "The receipt in your account:",
      r.link,
    ]),
    html: html([{ p: intro }, { rows }, { link: r.link, label: "View receipt" }]),
  };
}
