// Display helpers shared by the credits and billing pages. Dates are shown in UTC, the same
// clock as the usage buckets and the grants' expiry.

const NUMBER = new Intl.NumberFormat("en-US");
const DATE = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

export function formatDate(d: Date | string): string {
  return DATE.format(new Date(d));
}

export function formatDateTime(d: Date | string): string {
  return `${DATE_TIME.format(new Date(d))} UTC`;
}

export const GRANT_SOURCE_LABELS: Record<string, string> = {
  signup: "Sign-up bonus",
  purchase: "Purchase",
  invite_signup: "Invite reward (sign-up)",
  invite_purchase: "Invite reward (first purchase)",
  operator: "Granted by operator",
};

export const LEDGER_REASON_LABELS: Record<string, string> = {
  grant: "Credits added",
  charge: "Request",
  refund: "Refund (failed request)",
  expiry: "Expired",
};
