import { createAccount, expect, signIn, test } from "../fixtures";
import { replies, send, waitForReplyDone } from "./playground-helpers";

// The Thinking switch for models where thinking is a toggle (kimi-k2.6, the default): on by
// default, sent as `thinking`, saved with the conversation, shown in View code; at desktop and
// phone widths.

test.use({ accountOptions: { credits: 10 } });

test.describe("at 1440 px", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("thinking is on by default, the switch turns it off, and the choice is sent, shown and saved", async ({
    signedInPage: page,
  }) => {
    const toggle = page.getByRole("switch", { name: "Thinking" });
    await expect(page.getByRole("combobox", { name: "Model" })).toContainText("Kimi K2.6");
    await expect(toggle).toBeChecked();

    const first = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/playground/chat");
    await send(page, "Why is the sky blue?");
    expect((await first).postDataJSON().thinking).toEqual({ type: "enabled" });
    const reasoned = replies(page).first();
    await waitForReplyDone(reasoned);
    await expect(reasoned.getByRole("button", { name: /Thinking/ })).toBeVisible();
    await page.waitForURL(/\/playground\?c=/);

    await toggle.click();
    await expect(toggle).not.toBeChecked();
    const second = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/playground/chat");
    await send(page, "And why are sunsets red?");
    expect((await second).postDataJSON().thinking).toEqual({ type: "disabled" });
    const plain = replies(page).nth(1);
    await waitForReplyDone(plain);
    await expect(plain.getByRole("button", { name: /Thinking/ })).toHaveCount(0);

    await page.getByRole("button", { name: "View code" }).click();
    const dialog = page.getByRole("dialog", { name: "View code" });
    const code = dialog.getByRole("tabpanel").getByRole("tabpanel").locator("pre");
    await expect(code).toContainText('"thinking": {');
    await expect(code).toContainText('"type": "disabled"');
    await page.keyboard.press("Escape");

    // Saved with the conversation: a reload brings the switch back off, the first reply's reasoning kept.
    await page.reload();
    await expect(replies(page)).toHaveCount(2);
    await expect(page.getByRole("switch", { name: "Thinking" })).not.toBeChecked();
    await expect(
      replies(page)
        .first()
        .getByRole("button", { name: /Thinking/ }),
    ).toBeVisible();
  });
});

test("at 390 px the switch is in the settings sheet and a reply comes back without reasoning", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const account = await createAccount({ credits: 10 });
  await signIn(page, account, "/playground");
  await expect(page.getByRole("switch", { name: "Thinking" })).toBeHidden();
  await page.getByRole("button", { name: "Settings" }).click();
  const sheet = page.getByRole("dialog", { name: "Settings" });
  const toggle = sheet.getByRole("switch", { name: "Thinking" });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/playground/chat");
  await send(page, "Hello from a phone");
  expect((await request).postDataJSON().thinking).toEqual({ type: "disabled" });
  const reply = replies(page).first();
  await waitForReplyDone(reply);
  await expect(reply.getByRole("button", { name: /Thinking/ })).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
