/**
 * Hides most of an email's local part for showing it to someone else: `jane@example.com` →
 * `j***@example.com`. The domain stays (it tells an inviter which invitee is which, without
 * revealing the address).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const first = Array.from(local)[0] ?? "";
  return `${first}***@${domain}`;
}
