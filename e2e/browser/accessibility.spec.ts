import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { replies, send, waitForReplyDone } from "./playground-helpers";

// axe on every page, signed out and in, light and dark: no serious or critical violation.

const PUBLIC_PAGES = [
  "/",
  "/pricing",
  "/docs",
  "/login",
  "/register",
  "/register?invite=NOSUCHCODE",
  "/no-such-page",
];
const SIGNED_IN_PAGES = [
  "/playground",
  "/keys",
  "/my-credits",
  "/invite",
  "/pricing",
  "/docs",
  "/no-such-page",
];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 4)
          .join(" | ")}`,
    );
}

/** Waits until the page has settled: fonts, highlighted code, no pending requests. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  if (await page.locator("pre").count()) await expect(page.locator(".shiki-token").first()).toBeAttached();
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme, accountOptions: { credits: 20 }, signInPath: "/keys" });
    // axe reads every node of a long page (the docs): slow on a busy machine.
    test.describe.configure({ timeout: 180_000 });

    for (const path of PUBLIC_PAGES) {
      test(`signed out: ${path}`, async ({ page }) => {
        await page.goto(path);
        await settle(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    for (const path of SIGNED_IN_PAGES) {
      test(`signed in: ${path}`, async ({ signedInPage: page }) => {
        await page.goto(path);
        if (path === "/playground") {
          // A reply with a highlighted code block in it.
          await send(page, "A code block:\n```python\nprint('hi')  # a comment\n```\n[[sim:repeat]]");
          await waitForReplyDone(replies(page).first());
        }
        await settle(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  });
}
