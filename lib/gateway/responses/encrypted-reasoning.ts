import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

// `reasoning.encrypted_content`: with `store: false` the reasoning travels with the client instead
// of our database. It is sealed with AES-256-GCM under a key derived from AUTH_SECRET, and the
// account id is the additional data, so a blob opens only for the account it was issued to and
// any change to it is detected. Nothing about it is stored here.

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "kimi-responses", "reasoning.encrypted_content v1", 32));
    keys.set(secret, key);
  }
  return key;
}

/** The reasoning text sealed for one account: base64url of version, IV, ciphertext and tag. */
export function sealReasoning(text: string, accountId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(accountId));
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The reasoning text of a blob issued to this account; a tampered or foreign blob is the client's 400. */
export function openReasoning(blob: string, accountId: string, secret: string, param: string): string {
  const bytes = Buffer.from(blob, "base64url");
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw refused(param);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), iv);
  decipher.setAAD(Buffer.from(accountId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw refused(param);
  }
}

const refused = (param: string) =>
  new AppError(
    "invalid_request",
    `${param}: the encrypted reasoning could not be verified; hand back the blob this account received, unchanged.`,
    { param },
  );
