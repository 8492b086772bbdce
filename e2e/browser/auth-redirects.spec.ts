import type { Page } from "@playwright/test";
import { expect, test, uniqueEmail } from "../fixtures";

// The sign-up and sign-in forms, opened from a link whose `next` points off-site in disguise,
// must leave the browser on this site. Any request to the attacker's host is recorded and refused.

const TRICKS = ["/.//evil.example/x", "/..//evil.example/x", "/%2e//evil.example/x", "/\\evil.example/x"];

async function watchOffsite(page: Page): Promise<string[]> {
  const offsite: string[] = [];
  await page.context().route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  return offsite;
}

for (const trick of TRICKS) {
  test(`registering from /register?next=${trick} stays on this site`, async ({ page }) => {
    const offsite = await watchOffsite(page);
    await page.goto(`/register?${new URLSearchParams({ next: trick })}`);
    await page.getByLabel("Email").fill(uniqueEmail("redirect"));
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/playground");
    expect(offsite).toEqual([]);
  });
}

test("signing in from /login?next=<trick> stays on this site", async ({ page, account }) => {
  const offsite = await watchOffsite(page);
  await page.goto(`/login?${new URLSearchParams({ next: "/.//evil.example/x" })}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/playground");
  // Signed in, the same link again redirects at once: still here.
  await page.goto(`/login?${new URLSearchParams({ next: "/..//evil.example/x" })}`);
  await page.waitForURL((url) => url.pathname === "/playground");
  expect(offsite).toEqual([]);
});
