import { expect, test } from "../fixtures";

// Every page fits a 375px phone: nothing makes the page itself scroll sideways (wide tables and
// charts scroll inside their own boxes).

test.use({ accountOptions: { credits: 50 }, signInPath: "/keys" });

const PUBLIC_PAGES = ["/", "/pricing", "/docs", "/login", "/register"];
const SIGNED_IN_PAGES = ["/playground", "/keys", "/my-credits", "/invite"];

async function sidewaysOverflow(page: import("@playwright/test").Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.use({ viewport: { width: 375, height: 800 } });

for (const path of PUBLIC_PAGES) {
  test(`${path} fits a phone`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
}

test("signed-in pages fit a phone", async ({ signedInPage: page }) => {
  for (const path of SIGNED_IN_PAGES) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
  }
});
