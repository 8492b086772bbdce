// The password rules the sign-up form shows; the server enforces them (and the common-password
// list, which stays on the server) in lib/password-policy.ts.

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads only the first 72 bytes: longer is refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;
export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters, and not a common password.`;
