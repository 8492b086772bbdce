import { request } from "@playwright/test";
import { BASE_URL, expect, test } from "../fixtures";

// The product's own "Sign out" ends the session on the server: a copy of the cookie taken while
// signed in is worthless afterwards, to a script and to another browser alike.

test.use({ signInPath: "/keys" });

test("after Sign out, a copy of the session cookie opens nothing", async ({
  signedInPage: page,
  browser,
}) => {
  const stolen = await page.context().cookies();
  expect(stolen.some((c) => c.name.includes("session-token"))).toBe(true);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const script = await request.newContext({
    baseURL: BASE_URL,
    storageState: { cookies: stolen, origins: [] },
  });
  const thief = await browser.newContext({ storageState: { cookies: stolen, origins: [] } });
  try {
    expect((await script.get("/api/me")).status()).toBe(401);
    const thiefPage = await thief.newPage();
    await thiefPage.goto("/playground");
    await expect(thiefPage).toHaveURL(/\/login\?next=%2Fplayground$/);
  } finally {
    await Promise.all([script.dispose(), thief.close()]);
  }
});
