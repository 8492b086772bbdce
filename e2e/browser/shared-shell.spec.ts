import { expect, test } from "../fixtures";

// Pricing and the docs are public pages; a signed-in visitor sees them inside the app shell
// (balance, app navigation, account menu), a signed-out one inside the marketing site's.

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test.describe(`at ${size.width}px`, () => {
    test.use({ viewport: size, accountOptions: { credits: 37 }, signInPath: "/keys" });

    test("signed in: pricing and docs keep the app shell with the balance", async ({
      signedInPage: page,
    }) => {
      for (const [path, label] of [
        ["/pricing", "Pricing"],
        ["/docs", "Docs"],
      ] as const) {
        await page.goto(path);
        await expect(page.locator("[data-balance]")).toHaveAttribute("data-balance", "37");
        await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
        await expect(page.getByRole("link", { name: "Get started" })).toHaveCount(0);
        await expect(page.getByRole("contentinfo")).toHaveCount(0);
        if (size.width >= 1024) {
          await expect(
            page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }),
          ).toHaveAttribute("aria-current", "page");
        } else {
          await page.getByRole("button", { name: "Open menu" }).click();
          const menu = page.getByRole("dialog");
          await expect(menu.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
          await page.keyboard.press("Escape");
          await expect(menu).toBeHidden();
        }
      }
      // From the shell, the app is one click away.
      await page.goto("/pricing");
      if (size.width < 1024) await page.getByRole("button", { name: "Open menu" }).click();
      await page.getByRole("link", { name: "API keys" }).first().click();
      await expect(page).toHaveURL(/\/keys$/);
      await expect(page.locator("[data-balance]")).toHaveAttribute("data-balance", "37");
    });

    test("signed out: pricing and docs are in the marketing shell", async ({ page }) => {
      for (const path of ["/pricing", "/docs"]) {
        await page.goto(path);
        await expect(page.getByRole("link", { name: "Get started" })).toBeVisible();
        await expect(page.getByRole("contentinfo")).toBeVisible();
        await expect(page.locator("[data-balance]")).toHaveCount(0);
        await expect(page.getByRole("button", { name: "Account menu" })).toHaveCount(0);
      }
      // Client-side navigation back to the landing page keeps the marketing shell.
      await page.goto("/pricing");
      await page.getByRole("link", { name: "Kimi Playground" }).first().click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: "Get started" })).toBeVisible();
    });
  });
}
