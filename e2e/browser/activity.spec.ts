import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { API_BASE, expect, requestLogs, test } from "../fixtures";
import { replies, send, waitForReplyDone } from "./playground-helpers";

// The activity view as a user meets it: calls from the API (one failed and refunded) and the
// playground show up with their figures; filters, the links from /keys and the credit history, and
// the CSV download work — at desktop and phone width, light and dark, never scrolling sideways.

async function chat(key: string, model: string, content: string) {
  return fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
}

/** The rows shown at this width: the table on wide screens, the cards on phones. */
const rows = (page: Page) => page.locator("[data-request-id]").filter({ visible: true });

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the page must not scroll sideways").toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}px`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("shows each call with what it cost, filters it, links to it and exports it", async ({
      signedInPage: page,
      account,
    }, testInfo) => {
      // One user's whole journey through five pages, a streamed reply and a download.
      test.setTimeout(150_000);
      await send(page, "hello from the playground");
      await waitForReplyDone(replies(page).first());
      const ok = await chat(account.key, "kimi-k2-turbo-preview", "hello from the API");
      expect(ok.status).toBe(200);
      const failed = await chat(account.key, "kimi-k2", "[[sim:fail=500]]");
      expect(failed.status).toBe(502);
      const okId = ok.headers.get("x-request-id") ?? "";
      const failedId = failed.headers.get("x-request-id") ?? "";
      await expect.poll(async () => (await requestLogs(account.id)).length).toBe(3);

      // Through the app shell's navigation.
      if (viewport.name === "phone") await page.getByRole("button", { name: "Open menu" }).click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
      await expect(page.getByRole("heading", { name: "Activity", level: 1 })).toBeVisible();
      await expect(rows(page)).toHaveCount(3);

      const okRow = rows(page).and(page.locator(`[data-request-id="${okId}"]`));
      await expect(okRow).toContainText("kimi-k2-turbo-preview");
      await expect(okRow).toContainText("e2e");
      await expect(okRow).toContainText("Chat completions");
      await expect(okRow).toContainText("OK · 200");
      const failedRow = rows(page).and(page.locator(`[data-request-id="${failedId}"]`));
      await expect(failedRow).toContainText("Failed · 502 upstream_error");
      await expect(failedRow).toContainText("The provider returned an error");
      await expect(rows(page).nth(2)).toContainText("Playground");
      // Newest first: the failure, the success, the playground reply; only the failure cost nothing.
      await expect(rows(page).nth(0)).toHaveAttribute("data-request-id", failedId);
      await expect(rows(page).nth(1)).toHaveAttribute("data-request-id", okId);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectNoSidewaysScroll(page);
        await testInfo.attach(`activity — ${viewport.name} ${scheme}`, {
          body: await page.screenshot({ fullPage: true }),
          contentType: "image/png",
        });
      }

      await page.getByLabel("Status").selectOption("failed");
      await expect(page).toHaveURL(/\/activity\?status=failed$/);
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toHaveAttribute("data-request-id", failedId);

      await page.getByLabel("Status").selectOption("");
      await page.getByLabel("Model").selectOption("kimi-k2-turbo-preview");
      await expect(page).toHaveURL(/\/activity\?model=kimi-k2-turbo-preview$/);
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toHaveAttribute("data-request-id", okId);

      await page.getByLabel("Model").selectOption("");
      await page.getByLabel("Key").selectOption(account.keyId);
      await expect(page).toHaveURL(new RegExp(`/activity\\?key=${account.keyId}$`));
      await expect(rows(page)).toHaveCount(2);
      await expectNoSidewaysScroll(page);

      const downloading = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download CSV" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^kimi-activity-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), "utf8")).split("\r\n");
      expect(csv[0]).toMatch(/^time_utc,request_id,model,key,surface,/);
      expect(csv.slice(1, 3).map((line) => line.split(",")[1])).toEqual([failedId, okId]);
      expect(csv).toHaveLength(4);

      // From /keys: the key's usage figures open the view filtered by it.
      await page.goto("/keys");
      await page.getByTitle("Activity of e2e").filter({ visible: true }).first().click();
      await expect(page).toHaveURL(new RegExp(`/activity\\?key=${account.keyId}$`));
      await expect(page.getByLabel("Key")).toHaveValue(account.keyId);
      await expect(rows(page)).toHaveCount(2);

      // From the credit history: a request's charge opens that call.
      await page.goto("/my-credits");
      const charge = page.locator(`a[href="/activity?request=${okId}"]`);
      await expect(charge).toHaveText("Request");
      await expect(charge.locator("xpath=..")).toContainText("kimi-k2-turbo-preview · e2e");
      await charge.click();
      await expect(page).toHaveURL(new RegExp(`/activity\\?request=${okId}$`));
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toHaveAttribute("aria-current", "true");
      await expect(rows(page).first()).toContainText("OK · 200");

      // The refund of the failed call links to it too.
      await page.goto("/my-credits");
      await page.locator(`a[href="/activity?request=${failedId}"]`).first().click();
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText("The provider returned an error");
      await expectNoSidewaysScroll(page);
    });
  });
}
