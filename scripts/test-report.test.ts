import { describe, expect, it } from "vitest";
import { firstLine, formatFailure, playwrightFailures, vitestFailures } from "./test-report";

describe("firstLine", () => {
  it("is the first non-blank line, without colour codes, at most 200 characters", () => {
    expect(firstLine("\n  \n\u001b[31mexpect(received).toBe(expected)\u001b[39m\nmore")).toBe(
      "expect(received).toBe(expected)",
    );
    expect(firstLine("x".repeat(500))).toHaveLength(200);
    expect(firstLine(undefined)).toBeUndefined();
    expect(firstLine("")).toBeUndefined();
  });
});

describe("vitestFailures", () => {
  it("lists the failed tests only, by file relative to the root", () => {
    const failures = vitestFailures(
      {
        testResults: [
          {
            name: "/repo/lib/a.test.ts",
            assertionResults: [
              { fullName: "a works", status: "passed" },
              {
                fullName: "a breaks",
                status: "failed",
                failureMessages: ["AssertionError: 1 !== 2\n  at …"],
              },
            ],
          },
          { name: "/repo/lib/b.test.ts", assertionResults: [{ fullName: "b skipped", status: "skipped" }] },
        ],
      },
      "/repo",
    );
    expect(failures).toEqual([
      { where: "lib/a.test.ts", title: "a breaks", error: "AssertionError: 1 !== 2" },
    ]);
  });
});

describe("playwrightFailures", () => {
  const spec = (
    title: string,
    status: string,
    results: { status: string; errors?: { message: string }[] }[],
  ) => ({
    title,
    file: "api/x.spec.ts",
    line: 7,
    tests: [{ projectName: "api", status, results }],
  });

  it("names failed and flaky tests in nested suites with their first error, and errors outside tests", () => {
    const failures = playwrightFailures({
      suites: [
        {
          specs: [spec("passes", "expected", [{ status: "passed" }])],
          suites: [
            {
              specs: [
                spec("fails", "unexpected", [
                  { status: "failed", errors: [{ message: "Error: boom\nstack" }] },
                ]),
                spec("flakes", "flaky", [
                  { status: "timedOut", errors: [{ message: "Test timeout of 60000ms exceeded." }] },
                  { status: "passed" },
                ]),
                spec("skipped", "skipped", [{ status: "skipped" }]),
              ],
            },
          ],
        },
      ],
      errors: [{ message: "Error: webServer exited early" }],
    });
    expect(failures).toEqual([
      { where: "api/x.spec.ts:7", title: "[api] fails", error: "Error: boom" },
      { where: "api/x.spec.ts:7", title: "[api] flakes (flaky)", error: "Test timeout of 60000ms exceeded." },
      { where: "playwright", title: "error outside a test", error: "Error: webServer exited early" },
    ]);
  });

  it("says the status when a failed run has no error message", () => {
    expect(
      playwrightFailures({
        suites: [{ specs: [spec("interrupted", "unexpected", [{ status: "interrupted" }])] }],
      }),
    ).toEqual([{ where: "api/x.spec.ts:7", title: "[api] interrupted", error: "interrupted" }]);
  });
});

describe("formatFailure", () => {
  it("puts the error on its own indented line, or leaves it out", () => {
    expect(formatFailure({ where: "a.ts", title: "t", error: "e" })).toBe("  ✘ a.ts › t\n      e");
    expect(formatFailure({ where: "a.ts", title: "t" })).toBe("  ✘ a.ts › t");
  });
});
