import type { Locator } from "@playwright/test";
import { expect, test } from "../fixtures";
import { messageBox, replies, send, waitForReplyDone } from "./playground-helpers";

// Keyboard and phone ergonomics of the playground: focus, shortcuts, one Tab stop per saved
// conversation, Return on a touch screen, touch target sizes, labelled buttons.

test.use({ accountOptions: { credits: 10 } });

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not laid out");
  return b;
};

test.describe("desktop", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the message box has focus on load and after sending; / and Ctrl-K bring it back, not from another field", async ({
    signedInPage: page,
  }) => {
    await expect(messageBox(page)).toBeFocused();
    await messageBox(page).fill("Hello there");
    // Sent with the mouse: the focus comes back to the box for the next message.
    await page.getByRole("button", { name: "Send" }).click();
    await expect(messageBox(page)).toBeFocused();
    await waitForReplyDone(replies(page).first());

    await page.getByRole("button", { name: "View code" }).focus();
    await page.keyboard.press("/");
    await expect(messageBox(page)).toBeFocused();
    await expect(messageBox(page)).toHaveValue("");

    await page.getByRole("button", { name: "Compare" }).focus();
    await page.keyboard.press("Control+k");
    await expect(messageBox(page)).toBeFocused();

    // Typing "/" in another field is just a character.
    const systemPrompt = page.getByRole("textbox", { name: "System prompt" });
    await systemPrompt.click();
    await page.keyboard.type("a/b");
    await expect(systemPrompt).toBeFocused();
    await expect(systemPrompt).toHaveValue("a/b");
  });

  test("each saved conversation is one Tab stop; arrows move between them and open its menu", async ({
    signedInPage: page,
  }) => {
    for (const text of ["First topic", "Second topic"]) {
      await page.getByRole("button", { name: "New chat" }).click();
      await send(page, text);
      await waitForReplyDone(replies(page).first());
    }
    const nav = page.getByRole("navigation", { name: "Conversations" });
    const second = nav.getByRole("button", { name: "Second topic", exact: true });
    const first = nav.getByRole("button", { name: "First topic", exact: true });
    await expect(first).toBeVisible();

    await page.getByRole("button", { name: "New chat" }).focus();
    await page.keyboard.press("Tab");
    await expect(second).toBeFocused();
    // The next Tab goes to the next conversation, not to this one's Actions button; then out of the list.
    await page.keyboard.press("Tab");
    await expect(first).toBeFocused();
    await page.keyboard.press("Tab");
    expect(await nav.evaluate((el) => el.contains(document.activeElement))).toBe(false);

    await second.focus();
    await page.keyboard.press("ArrowDown");
    await expect(first).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("menuitem", { name: "Rename" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Delete" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
  });

  test("Compare, View code and Settings have visible labels on a wide screen", async ({
    signedInPage: page,
  }) => {
    await page.setViewportSize({ width: 1100, height: 900 });
    for (const name of ["Compare", "View code", "Settings"]) {
      const button = page.getByRole("button", { name, exact: true });
      await expect(button).toBeVisible();
      await expect(button.getByText(name, { exact: true }).filter({ visible: true })).toBeVisible();
    }
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("Return adds a line, the Send button sends, and touch targets are at least 44 px", async ({
    signedInPage: page,
  }) => {
    // No keyboard pops up on arrival.
    await expect(messageBox(page)).not.toBeFocused();
    await messageBox(page).tap();
    await page.keyboard.type("Line one");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Line two");
    await expect(messageBox(page)).toHaveValue("Line one\nLine two");
    await expect(replies(page)).toHaveCount(0);

    const sendButton = page.getByRole("button", { name: "Send" });
    expect((await box(sendButton)).height).toBeGreaterThanOrEqual(44);
    await sendButton.tap();
    const reply = replies(page).first();
    await waitForReplyDone(reply);
    await expect(
      page.getByRole("region", { name: "Conversation" }).getByText(/Line one\s+Line two/),
    ).toBeVisible();

    for (const name of ["Copy reply", "Regenerate", "Delete reply"]) {
      const b = await box(reply.getByRole("button", { name }));
      expect(Math.min(b.width, b.height), name).toBeGreaterThanOrEqual(44);
    }
  });

  test("Settings opens without focusing a field, and its slider thumbs take a 44 px touch", async ({
    signedInPage: page,
  }) => {
    await page.getByRole("button", { name: "Settings" }).tap();
    const sheet = page.getByRole("dialog", { name: "Settings" });
    await expect(sheet).toBeVisible();
    const focused = await page.evaluate(() => document.activeElement?.tagName ?? "");
    expect(["INPUT", "TEXTAREA", "SELECT"]).not.toContain(focused);

    const thumb = sheet.getByRole("slider", { name: "Max tokens" });
    const b = await box(thumb);
    // 20 px from the thumb's centre (outside its 16 px dot) still lands on the thumb.
    const hits = await page.evaluate(
      ({ x, y }) =>
        [
          [x + 20, y],
          [x - 20, y],
          [x, y + 20],
          [x, y - 20],
        ].map(
          ([px, py]) => document.elementFromPoint(px as number, py as number)?.getAttribute("role") ?? "",
        ),
      { x: b.x + b.width / 2, y: b.y + b.height / 2 },
    );
    expect(hits).toEqual(["slider", "slider", "slider", "slider"]);
    // Every labelled icon button keeps its name.
    await page.keyboard.press("Escape");
    for (const name of ["Compare", "View code", "Settings", "Conversations"])
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  });
});
