// How the credits pages name grant sources and ledger reasons.

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
