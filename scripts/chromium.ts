import { spawnSync } from "node:child_process";
import fs from "node:fs";

// The browser specs run in Debian's Chromium: Playwright's own browser download needs a host this
// machine cannot reach, and Debian's build is maintained and updated with the system. A fresh
// machine gets it from the test runner itself when run as root (~30 s); otherwise the runner says
// how to get it.

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function aptInstallChromium(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  return install.status === 0;
}

/** The Chromium to run the browser specs in, installed first where that is possible; else why not. */
export function ensureChromium({
  configured = process.env.CHROMIUM_PATH,
  isRoot = process.getuid?.() === 0,
  install = aptInstallChromium,
  defaultPath = DEFAULT_CHROMIUM,
}: {
  configured?: string;
  isRoot?: boolean;
  install?: () => boolean;
  defaultPath?: string;
} = {}): { path: string } | { error: string } {
  if (configured) {
    return executable(configured)
      ? { path: configured }
      : { error: `CHROMIUM_PATH=${configured} is not an executable file.` };
  }
  if (executable(defaultPath)) return { path: defaultPath };
  const howTo = `Install Debian's Chromium (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`;
  if (!isRoot) return { error: `No Chromium at ${defaultPath}. ${howTo}` };
  console.log(`\n=== installing Chromium (apt-get install chromium) for the browser specs ===`);
  if (install() && executable(defaultPath)) return { path: defaultPath };
  return { error: `Installing Chromium with apt-get failed (its output is above). ${howTo}` };
}
