import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureChromium } from "./chromium";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-test-"));
const browser = path.join(dir, "chromium");
fs.writeFileSync(browser, "#!/bin/sh\n", { mode: 0o755 });
const notExecutable = path.join(dir, "plain");
fs.writeFileSync(notExecutable, "", { mode: 0o644 });
const missing = path.join(dir, "missing");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mustNotInstall = () => {
  throw new Error("must not install");
};

describe("ensureChromium", () => {
  it("uses CHROMIUM_PATH when it is an executable", () => {
    expect(ensureChromium({ configured: browser, install: mustNotInstall })).toEqual({ path: browser });
  });

  it("names a CHROMIUM_PATH that cannot run", () => {
    for (const configured of [notExecutable, missing, dir]) {
      expect(ensureChromium({ configured, install: mustNotInstall })).toEqual({
        error: `CHROMIUM_PATH=${configured} is not an executable file.`,
      });
    }
  });

  it("takes the default Chromium without installing anything", () => {
    expect(ensureChromium({ defaultPath: browser, isRoot: true, install: mustNotInstall })).toEqual({
      path: browser,
    });
  });

  it("says how to get Chromium when not root, without trying to install", () => {
    const result = ensureChromium({ defaultPath: missing, isRoot: false, install: mustNotInstall });
    expect(result).toEqual({
      error: expect.stringContaining(`No Chromium at ${missing}. Install Debian's Chromium`),
    });
  });

  it("installs as root, and says so when the install fails", () => {
    let installs = 0;
    const failing = () => {
      installs++;
      return false;
    };
    expect(ensureChromium({ defaultPath: missing, isRoot: true, install: failing })).toEqual({
      error: expect.stringContaining("Installing Chromium with apt-get failed"),
    });
    expect(installs).toBe(1);
    const installed = path.join(dir, "installed");
    const succeeding = () => {
      fs.writeFileSync(installed, "#!/bin/sh\n", { mode: 0o755 });
      return true;
    };
    expect(ensureChromium({ defaultPath: installed, isRoot: true, install: succeeding })).toEqual({
      path: installed,
    });
  });
});
