import { describe, expect, it } from "vitest";
import { type ReadinessChecks, readinessReport, within } from "@/lib/health/report";

describe("readinessReport", () => {
  const cases: [string, ReadinessChecks, 200 | 503, Record<string, string>][] = [
    ["all up", { database: "ok", redis: "ok", draining: false }, 200, { database: "ok", redis: "ok" }],
    [
      "no Redis configured",
      { database: "ok", redis: "not configured", draining: false },
      200,
      { database: "ok", redis: "not configured" },
    ],
    [
      "Redis down",
      { database: "ok", redis: "unavailable", draining: false },
      503,
      { database: "ok", redis: "unavailable" },
    ],
    [
      "database down",
      { database: "unavailable", redis: "not configured", draining: false },
      503,
      { database: "unavailable", redis: "not configured" },
    ],
    [
      "draining",
      { database: "ok", redis: "ok", draining: true },
      503,
      { database: "ok", redis: "ok", server: "draining" },
    ],
  ];
  it.each(cases)("%s", (_name, input, status, checks) => {
    const report = readinessReport(input);
    expect(report.status).toBe(status);
    expect(report.body).toEqual({ status: status === 200 ? "ready" : "not ready", checks });
  });
});

describe("within", () => {
  it("gives the work's value when it settles in time", async () => {
    expect(await within(Promise.resolve("ok"), 1_000, "late")).toBe("ok");
  });
  it("gives the fallback when the work fails", async () => {
    expect(await within(Promise.reject(new Error("refused")), 1_000, "late")).toBe("late");
  });
  it("gives the fallback when the work never settles", async () => {
    expect(await within(new Promise<string>(() => undefined), 10, "late")).toBe("late");
  });
});
