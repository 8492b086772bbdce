// What `npm test` says of a failed test in its summary: where it is, its name, and the first line of
// its error — so the end of a CI log names what failed without the whole log.
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

export type Failure = { where: string; title: string; error?: string };

/** The slice of Vitest's JSON report read here. */
export type VitestReport = {
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

type PlaywrightResult = { status: string; errors?: { message?: string }[] };
type PlaywrightSuite = {
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { projectName: string; status: string; results: PlaywrightResult[] }[];
  }[];
  suites?: PlaywrightSuite[];
};
/** The slice of Playwright's JSON report read here. */
export type PlaywrightReport = { suites?: PlaywrightSuite[]; errors?: { message?: string }[] };

/** The first non-blank line of an error, without the terminal's colour codes, at most 200 characters. */
export function firstLine(message: string | undefined): string | undefined {
  return stripVTControlCharacters(message ?? "")
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim()
    .slice(0, 200);
}

export function vitestFailures(report: VitestReport, root: string): Failure[] {
  return report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === "failed")
      .map((test) => ({
        where: path.relative(root, file.name),
        title: test.fullName,
        error: firstLine(test.failureMessages?.[0]),
      })),
  );
}

/** Every test that did not pass at its first try — failed, timed out or flaky — and errors outside tests. */
export function playwrightFailures(report: PlaywrightReport): Failure[] {
  const out: Failure[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const failed = test.results.find((r) => r.status !== "passed" && r.status !== "skipped");
        out.push({
          where: `${spec.file}:${spec.line}`,
          title: `[${test.projectName}] ${spec.title}${test.status === "flaky" ? " (flaky)" : ""}`,
          error: firstLine(failed?.errors?.[0]?.message ?? failed?.status),
        });
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const error of report.errors ?? [])
    out.push({ where: "playwright", title: "error outside a test", error: firstLine(error.message) });
  return out;
}

export function formatFailure(f: Failure): string {
  return `  ✘ ${f.where} › ${f.title}${f.error ? `\n      ${f.error}` : ""}`;
}
