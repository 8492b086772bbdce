import type { Page } from "@playwright/test";
import { createAccount, creditState, expect, test } from "../fixtures";
import { chooseModel, messageBox, replies, send, waitForReplyDone } from "./playground-helpers";

// Issue 17's small things, each at a desktop and a phone width: the 404 page and the icons, an
// invalid invite link, which model wrote each reply, "Jump to latest", the rate-limit and
// cut-stream messages, the landing page's model list on a phone, one "Best value" package, and
// the docs' search box and current section.

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Every response with an error status and every request that failed while `action` ran. */
async function failuresDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  const onResponse = (r: import("@playwright/test").Response) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  };
  // A prefetch the router cancels (ERR_ABORTED) is not a failure.
  const onFailed = (r: import("@playwright/test").Request) => {
    if (r.failure()?.errorText !== "net::ERR_ABORTED") failures.push(`failed ${r.url()}`);
  };
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  await action();
  page.off("response", onResponse);
  page.off("requestfailed", onFailed);
  return failures;
}

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}px)`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, accountOptions: { credits: 20 } });

    test("a first visit loads the icons without a single failed request", async ({ page }) => {
      const failures = await failuresDuring(page, async () => {
        await page.goto("/");
        await page.waitForLoadState("networkidle");
      });
      expect(failures).toEqual([]);
      const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
      expect(icon).toBeTruthy();
      for (const path of ["/favicon.ico", icon as string, "/apple-icon.png", "/manifest.webmanifest"]) {
        const res = await page.request.get(path);
        expect(res.status(), path).toBe(200);
      }
    });

    test("an unknown address gets the branded 404, with a way back, light and dark", async ({ page }) => {
      const res = await page.goto("/no-such-page");
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "This page does not exist" })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "Kimi Playground" })).toBeVisible();
      await page.emulateMedia({ colorScheme: "dark" });
      await expect(page.locator("html")).toHaveClass(/dark/);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // The dark theme's background, not white.
      expect(background).not.toMatch(/255, 255, 255|oklch\(1 /);
      await page.getByRole("link", { name: "Back to the home page" }).click();
      await expect(page).toHaveURL(/\/$/);
    });

    test("a signed-in visitor's 404 keeps the app shell", async ({ signedInPage: page }) => {
      await page.goto("/keys/nothing/here");
      await expect(page.getByRole("heading", { level: 1, name: "This page does not exist" })).toBeVisible();
      await expect(page.locator("[data-balance]")).toHaveAttribute("data-balance", "20");
      await page.getByRole("link", { name: "Back to the playground" }).click();
      await expect(page).toHaveURL(/\/playground$/);
    });

    test("an invalid invite code is called invalid before sign-up; a valid one promises the reward", async ({
      page,
      account,
    }) => {
      await page.goto("/register?invite=NOSUCHCODE");
      await expect(page.getByRole("note")).toContainText("The invite code NOSUCHCODE is not valid");
      await expect(page.getByText(/Your friend gets \d+ credits/)).toHaveCount(0);
      await expect(page.getByLabel("Invite code (optional)")).toHaveValue("NOSUCHCODE");
      await expect(page.getByLabel("Invite code (optional)")).toHaveAttribute("aria-invalid", "true");

      await page.goto(`/register?invite=${account.inviteCode}`);
      await expect(page.getByText("Your friend gets 50 credits when you join.")).toBeVisible();
      await expect(page.getByText(/is not valid/)).toHaveCount(0);
      await expect(page.getByLabel("Invite code (optional)")).toHaveValue(account.inviteCode);
    });

    test("after a model switch, each reply says which model wrote it", async ({ signedInPage: page }) => {
      await send(page, "First question");
      await waitForReplyDone(replies(page).first());
      await chooseModel(page, "Kimi K2.5");
      await send(page, "Second question");
      await waitForReplyDone(replies(page).nth(1));
      await expect(replies(page).first()).toContainText("Model: kimi-k2.6");
      await expect(replies(page).nth(1)).toContainText("Model: kimi-k2.5");
    });

    test("scrolled up in a long thread, Jump to latest brings the end back", async ({
      signedInPage: page,
    }) => {
      const lines = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a long reply.`).join("\n\n");
      await send(page, `${lines}\n[[sim:repeat]]`);
      await waitForReplyDone(replies(page).first());
      const thread = page.getByRole("region", { name: "Conversation" });
      const jump = page.getByRole("button", { name: "Jump to latest" });
      await expect(jump).toHaveCount(0);
      await thread.evaluate((el) => el.scrollTo({ top: 0 }));
      await expect(jump).toBeVisible();
      await jump.click();
      await expect(jump).toHaveCount(0);
      await expect(replies(page).first().getByText("Line 80 of a long reply.")).toBeInViewport();
    });

    test("a provider's rate limit is named for what it is, with its reset time", async ({
      signedInPage: page,
      account,
    }) => {
      await send(page, "[[sim:fail=429]] Hello");
      const alert = page.getByRole("alert").filter({ hasText: "rate limiting" });
      await expect(alert).toContainText("Kimi's provider is rate limiting");
      await expect(alert).toContainText(/resets at \d{1,2}:\d{2}:\d{2}.*\(in \d+ s\)|has reset/);
      await expect(alert).not.toContainText("Upstream down");
      await expect(messageBox(page)).toHaveValue("[[sim:fail=429]] Hello");
      expect((await creditState(account.id)).balance).toBe(20);
    });

    test("a stream cut after a few tokens says it was charged, and why", async ({
      signedInPage: page,
      account,
    }) => {
      await send(page, "[[sim:drop-after=4]] Tell me a long story");
      const reply = replies(page).first();
      await expect(reply).not.toHaveAttribute("data-streaming", "true", { timeout: 20_000 });
      await expect(reply.getByRole("alert")).toContainText(
        "It was charged (1 credit) because the model had already produced it",
      );
      await expect.poll(async () => (await creditState(account.id)).balance).toBe(19);
    });

    test("landing and pricing highlight the same package, the same way", async ({ page }) => {
      await page.goto("/");
      const landing = page.locator("section", { has: page.getByRole("heading", { name: "Simple pricing" }) });
      await expect(landing.getByText("Best value")).toHaveCount(1);
      const landingFeatured = await landing
        .getByText("Best value")
        .evaluate((el) => el.closest("[class*='ring-brand']")?.textContent ?? "");
      expect(landingFeatured).toContain("Premium");
      await page.goto("/pricing");
      await expect(page.getByText("Popular")).toHaveCount(0);
      await expect(page.getByRole("group", { name: "Premium" }).getByText("Best value")).toBeVisible();
      await expect(page.getByText("Best value")).toHaveCount(1);
    });

    test("docs: a search box filters the sections; the contents follow the section in view", async ({
      page,
    }) => {
      await page.goto("/docs");
      const search = page.getByRole("searchbox", { name: "Search the docs" });
      await search.fill("insufficient_credits");
      await expect(page.getByRole("heading", { level: 2, name: "Errors", exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "Timeouts", exact: true })).toBeHidden();
      await expect(page.getByText(/\d+ of \d+ sections mention “insufficient_credits”/)).toBeVisible();
      await search.fill("no-such-words-anywhere");
      await expect(page.getByText("No section mentions “no-such-words-anywhere”.")).toBeVisible();
      await search.fill("");
      await expect(page.getByRole("heading", { level: 2, name: "Timeouts", exact: true })).toBeVisible();

      if (size.width >= 1024) {
        const toc = page.getByRole("navigation", { name: "On this page" });
        await expect(toc.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "location");
        await toc.getByRole("link", { name: "Rate limits" }).click();
        await expect(toc.getByRole("link", { name: "Rate limits" })).toHaveAttribute(
          "aria-current",
          "location",
        );
        await expect(toc.getByRole("link", { name: "Overview" })).not.toHaveAttribute(
          "aria-current",
          "location",
        );
        await search.fill("insufficient_credits");
        await expect(toc.getByRole("link", { name: "Timeouts" })).toBeHidden();
      }
    });
  });
}

test.describe("landing page on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the model list does not scroll sideways nor break an id mid-word", async ({ page }) => {
    await page.goto("/#models");
    const list = page.getByRole("list", { name: "Models" });
    await expect(list).toBeVisible();
    const ids = list.locator("code");
    expect(await ids.count()).toBeGreaterThan(0);
    for (const id of await ids.all()) {
      // One line box per id: an id that wrapped would have two.
      expect(await id.evaluate((el) => el.getClientRects().length), await id.innerText()).toBe(1);
      const box = await id.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});

test("a valid invite link still works for a second account", async ({ page }) => {
  const inviter = await createAccount({ credits: 0 });
  await page.goto(`/register?invite=${inviter.inviteCode.toLowerCase()}`);
  await expect(page.getByLabel("Invite code (optional)")).toHaveValue(inviter.inviteCode);
});
