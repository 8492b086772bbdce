import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A secret kept under DATA_DIR so that `npm run dev` works with no configuration and sessions
 * survive restarts. Created atomically (O_EXCL) so concurrent starters agree on one value.
 */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = path.resolve(/*turbopackIgnore: true*/ dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
