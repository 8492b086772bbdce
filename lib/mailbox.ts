// Which mailbox an address delivers to, for telling whether two addresses are one person's: an
// invite to yourself must not pay. Only for that comparison; stored emails stay as typed.

const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/** Lowercased, without a `+tag`; for Gmail also without dots, googlemail.com read as gmail.com. */
export function mailboxKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at < 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus >= 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}

export function sameMailbox(a: string, b: string): boolean {
  return mailboxKey(a) === mailboxKey(b);
}
