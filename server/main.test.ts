import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// `npm start`'s arguments: a bad one exits 2 with the usage, before anything starts.

function start(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "server/main.ts", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...env, LOG_LEVEL: "silent" },
      timeout: 60_000,
    },
  );
}

describe("server/main.ts arguments", () => {
  it.each([
    [["-p", "nope"], {}, "Invalid port: nope"],
    [["-p", "70000"], {}, "Invalid port: 70000"],
    [["-p", "-1"], {}, "argument is ambiguous"],
    [[], { PORT: "80a" }, "Invalid port: 80a"],
    [["--bogus"], {}, "Unknown option '--bogus'"],
    [["-p"], {}, "argument missing"],
  ])("%j %j → exit 2: %s", (args, env, message) => {
    const res = start(args, env);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain("Usage: npm start -- [-p PORT] [-H HOSTNAME]");
  });
});
