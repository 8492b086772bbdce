import { expect, type Page, type TestInfo } from "@playwright/test";

// Steps shared by the account specs: the form's alert, and screenshots at the two widths the
// product must work at, attached to the test report.

/** The form's own error (Next.js also renders an empty role="alert" route announcer). */
export function formAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
] as const;

/**
 * Full-page screenshots at desktop and phone width; fails if the page scrolls sideways on a phone
 * (`checkOverflow: false` for pages this spec only photographs).
 */
export async function attachScreenshots(
  page: Page,
  testInfo: TestInfo,
  name: string,
  ready: () => Promise<void>,
  { checkOverflow = true }: { checkOverflow?: boolean } = {},
) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await ready();
    const body = await page.screenshot({ fullPage: true });
    await testInfo.attach(`${name} — ${viewport.name}`, { body, contentType: "image/png" });
    if (checkOverflow && viewport.name === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} must not scroll sideways at 375px`).toBeLessThanOrEqual(0);
    }
  }
}
