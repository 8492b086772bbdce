import { catalogModels } from "@/lib/providers/catalog";
import { BASE_URL, createAccount, expect, signIn, test } from "../fixtures";
import { attachScreenshots } from "./account-helpers";

// The public pages and the signed-in shell: content that must be there, navigation, theme,
// sign-out, and screenshots of every page at desktop and phone width in the report.

test("landing page: what it is, the models, pricing, a runnable example, sign-up", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Kimi K2, behind the SDKs you already use",
  );
  const models = page.getByRole("table", { name: "Models" });
  for (const model of catalogModels())
    await expect(models.getByText(model.id, { exact: true })).toBeVisible();
  await expect(page.getByText("$4.99")).toBeVisible();
  await expect(page.getByText(`base_url="${BASE_URL}/api/v1"`)).toBeVisible();
  await attachScreenshots(page, testInfo, "landing", () =>
    expect(page.getByRole("heading", { level: 1 })).toBeVisible(),
  );

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("link", { name: "Get 100 free credits" }).click();
  await expect(page).toHaveURL(/\/register$/);
});

test("docs: every section, this deployment's base URL, tables from the catalog", async ({
  page,
}, testInfo) => {
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kimi Playground API");
  for (const section of [
    "Authentication",
    "Endpoints",
    "Models",
    "Chat completions",
    "Streaming",
    "Thinking models",
    "Tool calling",
    "Messages (Anthropic format)",
    "Errors",
    "Rate limits",
    "Credits & billing",
    "Timeouts",
    "SDK examples",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Rate limit tiers" }).getByRole("row")).toHaveCount(5);
  await expect(
    page.getByRole("table", { name: "Error codes" }).getByText("insufficient_credits"),
  ).toBeVisible();
  await expect(page.getByText("charged once if the model produced any output")).toBeVisible();
  await expect(page.getByRole("table", { name: "Base URLs" }).getByText(`${BASE_URL}/api/v1`)).toBeVisible();
  const anthropicTab = page.getByRole("tablist", { name: "Anthropic SDK language" });
  await anthropicTab.getByRole("tab", { name: "Python" }).click();
  await expect(
    page.getByText(`Anthropic(api_key="YOUR_API_KEY", base_url="${BASE_URL}/api")`).first(),
  ).toBeVisible();
  await attachScreenshots(page, testInfo, "docs", () =>
    expect(page.getByRole("heading", { level: 1 })).toBeVisible(),
  );
});

test("sign-in and registration pages", async ({ page }, testInfo) => {
  await page.goto("/login");
  await attachScreenshots(page, testInfo, "login", () => expect(page.getByLabel("Password")).toBeVisible());
  await page.goto("/register?invite=ABCD2345");
  await expect(page.getByLabel("Invite code (optional)")).toHaveValue("ABCD2345");
  await attachScreenshots(page, testInfo, "register", () =>
    expect(page.getByLabel("Password")).toBeVisible(),
  );
});

test("signed-out visitors go to sign-in and come back to the page they wanted", async ({ page, account }) => {
  await page.goto("/invite");
  await expect(page).toHaveURL(/\/login\?next=%2Finvite$/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/invite");
  await expect(page.getByRole("heading", { level: 1, name: "Invite friends" })).toBeVisible();
});

test("the signed-in shell: navigation, balance, theme, every page, sign out", async ({ page }, testInfo) => {
  test.slow(); // a dozen full-page screenshots
  const account = await createAccount({ credits: 1234 });
  await signIn(page, account, "/keys");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Playground", "API keys", "Credits", "Pricing", "Invite", "Docs"]) {
    await expect(nav.getByRole("link", { name: label })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: /1,234\s+credits/ })).toBeVisible();

  await attachScreenshots(page, testInfo, "keys", () =>
    expect(page.getByText("1 of 50 active keys")).toBeVisible(),
  );
  await page.goto("/invite");
  await attachScreenshots(page, testInfo, "invite", () =>
    expect(page.getByLabel("Invite link")).toHaveValue(`${BASE_URL}/register?invite=${account.inviteCode}`),
  );
  await expect(page.getByText("No one yet")).toBeVisible();
  // The other pages of the shell, as they look for a new account.
  for (const path of ["/playground", "/my-credits", "/pricing"]) {
    await page.goto(path);
    await attachScreenshots(page, testInfo, path.slice(1), () => expect(page.locator("main")).toBeVisible(), {
      checkOverflow: false,
    });
  }

  // Dark theme, remembered across pages.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/keys");
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.goto("/invite");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await attachScreenshots(page, testInfo, "invite (dark)", () =>
    expect(page.getByLabel("Invite link")).not.toHaveValue(""),
  );

  // Phone navigation.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("dialog").getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/keys$/);

  // Sign out.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?next=%2Fkeys$/);
});
