import { expect, type Locator, type Page } from "@playwright/test";
import { BASE_URL, SAVED_SETTINGS } from "../fixtures";

// Shared steps of the playground specs: send a message, wait for a reply.

export const messageBox = (page: Page) => page.getByRole("textbox", { name: "Message" });
export const replies = (scope: Page | Locator) => scope.getByRole("article", { name: "Assistant reply" });
export const replyText = (reply: Locator) => reply.getByTestId("assistant-text");

/** Saves the user's default playground settings (the built-in ones changed by `patch`) and reloads. */
export async function useSettings(page: Page, patch: Partial<typeof SAVED_SETTINGS>) {
  const res = await page.request.put("/api/playground/settings", {
    headers: { Origin: BASE_URL },
    data: { ...SAVED_SETTINGS, ...patch },
  });
  expect(res.status()).toBe(200);
  await page.reload();
}

export async function send(page: Page, text: string) {
  await messageBox(page).fill(text);
  await messageBox(page).press("Enter");
}

/** Waits until a reply has finished streaming (its stats line shows what it cost). */
export async function waitForReplyDone(reply: Locator) {
  await expect(reply).not.toHaveAttribute("data-streaming", "true", { timeout: 20_000 });
  await expect(reply.getByText(/\d+ credits?$/)).toBeVisible();
}

export async function shellBalance(page: Page): Promise<number> {
  const badge = page.locator("[data-balance]");
  return Number(await badge.getAttribute("data-balance"));
}

export async function chooseModel(page: Page, name: string, picker = "Model") {
  await page.getByRole("combobox", { name: picker }).click();
  await page
    .getByRole("option", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ·`) })
    .click();
}
