import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { messageBox, replies, replyText, waitForReplyDone } from "./playground-helpers";

// Nothing may widen a page past the viewport at 320–1440 px, whatever is pasted or replied: long
// unbroken text wraps, code blocks scroll inside themselves (and by keyboard).

const WIDTHS = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

const PUBLIC_PAGES = ["/", "/pricing", "/docs", "/login", "/register", "/register?invite=NOTACODE"];
const SIGNED_IN_PAGES = ["/", "/playground", "/keys", "/my-credits", "/invite", "/pricing", "/docs"];

// What people paste: a long URL, one line of minified JSON, a code block holding that line.
const LONG_URL = `https://example.com/callback?state=${"aB3xYz9Q".repeat(25)}`.slice(0, 230);
const JSON_LINE = JSON.stringify({
  items: Array.from({ length: 200 }, (_, i) => ({ id: `x${i}` })),
}).slice(0, 2000);
const PASTE = `${LONG_URL}\n${JSON_LINE}\n\`\`\`json\n${JSON_LINE}\n\`\`\`\n[[sim:repeat]]`;

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - window.innerWidth;
  });
}

/** The innermost elements sticking out past the right edge, to name the culprit in a failure. */
async function widest(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 0.5;
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const out = [...document.querySelectorAll("body *")].filter((el) => sticksOut(el) && !clipped(el));
    return out
      .filter((el) => !out.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">${(el.textContent ?? "").slice(0, 40)}`,
      );
  });
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await sidewaysOverflow(page);
  expect(
    overflow,
    `${what} must not scroll sideways: ${overflow > 0 ? (await widest(page)).join(" | ") : ""}`,
  ).toBeLessThanOrEqual(0);
}

for (const size of WIDTHS) {
  test.describe(`at ${size.width}px`, () => {
    test.use({ viewport: size, accountOptions: { credits: 20 }, signInPath: "/keys" });
    // Several full page loads each.
    test.describe.configure({ timeout: 180_000 });

    test("public pages", async ({ page }) => {
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        await expectNoSidewaysScroll(page, path);
      }
    });

    test("signed-in pages", async ({ signedInPage: page }) => {
      for (const path of SIGNED_IN_PAGES) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        await expectNoSidewaysScroll(page, path);
      }
    });

    test("playground: a long URL and a line of JSON, pasted, sent and replied", async ({
      signedInPage: page,
    }) => {
      await page.goto("/playground");
      const send = page.getByRole("button", { name: "Send" });

      await messageBox(page).fill(PASTE);
      await expectNoSidewaysScroll(page, "the composer holding the paste");
      await expect(send).toBeInViewport({ ratio: 1 });
      const box = await messageBox(page).boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(size.width);

      await send.click();
      const reply = replies(page).first();
      await waitForReplyDone(reply);
      await expect(replyText(reply)).toContainText(LONG_URL.slice(0, 40));
      await expectNoSidewaysScroll(page, "the thread with the paste and its reply");

      // The sent bubble starts on screen and fits it.
      const bubble = page
        .getByRole("region", { name: "Conversation" })
        .getByText(LONG_URL.slice(0, 40))
        .first();
      const bubbleBox = await bubble.boundingBox();
      expect(bubbleBox?.x).toBeGreaterThanOrEqual(0);
      expect(bubbleBox && bubbleBox.x + bubbleBox.width).toBeLessThanOrEqual(size.width);

      // The reply's code block scrolls inside itself and can be scrolled from the keyboard.
      const code = reply.getByRole("region", { name: /^Code/ });
      await expect(code).toHaveAttribute("tabindex", "0");
      expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await code.focus();
      await expect(code).toBeFocused();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => code.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

      // The composer is empty again and Send is on screen after the reply.
      await messageBox(page).fill("next question");
      await expect(send).toBeInViewport({ ratio: 1 });
    });
  });
}
