import type { Page } from "@playwright/test";
import { creditState, expect, test } from "../fixtures";
import { messageBox, replies, replyText, useSettings, waitForReplyDone } from "./playground-helpers";

// Replies are saved on the server as they stream (a reload or a second tab shows them), and
// Regenerate / Edit keep earlier versions as branches — at desktop and phone sizes.

test.use({ accountOptions: { credits: 10 } });

const SIZES = [
  { name: "desktop", use: { viewport: { width: 1440, height: 900 } } },
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
];

/** Sends with the Send button (on a touch screen Return adds a line). */
async function send(page: Page, text: string) {
  await messageBox(page).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** Resolves once the reply shows some text and is still streaming. */
async function waitForPartial(reply: ReturnType<typeof replies>) {
  await expect(reply).toHaveAttribute("data-streaming", "true");
  await expect(replyText(reply)).toHaveText(/\w{3,}/, { timeout: 10_000 });
  await expect(reply).toHaveAttribute("data-streaming", "true");
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test("a reload 1.5 s into a reply shows what arrived, marked Interrupted with Retry, charged once", async ({
      signedInPage: page,
      account,
    }) => {
      // Without thinking, what arrives first is the reply's own text.
      await useSettings(page, { thinking: false });
      // 200 ms a chunk: the reply is far from done 1.5 s in.
      await send(page, "[[sim:slow=200]] Tell me a story about lighthouses");
      const reply = replies(page).first();
      await waitForPartial(reply);
      await page.waitForURL(/\/playground\?c=/);
      // The clock reaches 1.5 s into the reply; the reload is what is tested, not the pause.
      await page.waitForFunction(
        (since) => performance.now() - since > 1500,
        await page.evaluate(() => performance.now()),
      );
      const before = await replyText(reply).innerText();
      page.on("dialog", (dialog) => void dialog.accept());
      await page.reload();

      const saved = replies(page).first();
      await expect(saved.getByTestId("interrupted")).toContainText("Interrupted", { timeout: 15_000 });
      const partial = await replyText(saved).innerText();
      expect(partial.length).toBeGreaterThan(0);
      // What was on screen when the page went is kept.
      expect(partial.slice(0, 20)).toBe(before.slice(0, 20));
      await expect(saved).not.toHaveAttribute("data-streaming", "true");
      await expect.poll(async () => (await creditState(account.id)).balance).toBe(9);

      // Retry answers again as a new version; the interrupted one stays as version 1.
      await saved.getByRole("button", { name: "Retry" }).click();
      await waitForReplyDone(replies(page).first());
      await expect(replies(page)).toHaveCount(1);
      await expect(replies(page).first().getByTestId("version")).toHaveText("2/2");
      await expect(replies(page).first().getByTestId("interrupted")).toHaveCount(0);
      await expect.poll(async () => (await creditState(account.id)).balance).toBe(8);
      await replies(page).first().getByRole("button", { name: "Previous version" }).click();
      await expect(replies(page).first().getByTestId("interrupted")).toBeVisible();
    });
  });
}

test("a second tab shows the reply growing, then complete", async ({ signedInPage: page }) => {
  await useSettings(page, { thinking: false });
  await send(page, "[[sim:slow=250]] Explain how tides work");
  await waitForPartial(replies(page).first());
  await page.waitForURL(/\/playground\?c=/);

  const other = await page.context().newPage();
  await other.goto(page.url());
  const watched = replies(other).first();
  const lengths: number[] = [];
  await expect
    .poll(
      async () => {
        const length = (await replyText(watched).innerText()).length;
        if (length > 0 && length !== lengths.at(-1)) lengths.push(length);
        return lengths.length;
      },
      { intervals: [100], timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(3);
  expect(lengths).toEqual([...lengths].sort((a, b) => a - b));

  await waitForReplyDone(replies(page).first());
  await expect(watched).not.toHaveAttribute("data-streaming", "true", { timeout: 10_000 });
  await expect(replyText(watched)).toHaveText(await replyText(replies(page).first()).innerText());
  await expect(watched.getByTestId("interrupted")).toHaveCount(0);
});

test("leaving while a reply streams asks first", async ({ signedInPage: page }) => {
  await send(page, "[[sim:slow=200]] Write a long poem");
  await waitForPartial(replies(page).first());
  const dialog = page.waitForEvent("dialog");
  const closing = page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe("beforeunload");
  await shown.dismiss();
  await closing;
  expect(page.isClosed()).toBe(false);
  await expect(replies(page).first()).toHaveAttribute("data-streaming", "true");
});

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test("Edit and Regenerate keep versions; the choice survives a reload and View code exports it", async ({
      signedInPage: page,
    }) => {
      const thread = page.getByRole("region", { name: "Conversation" });
      await send(page, "Tell me about herons");
      await waitForReplyDone(replies(page).first());

      // Edit the question: the first version (question and answer) is kept.
      const question = thread.getByText("Tell me about herons", { exact: true });
      await question.hover();
      await page.getByRole("button", { name: "Edit message" }).click();
      await page.getByRole("textbox", { name: "Edit message" }).fill("Tell me about flamingos");
      await page.getByRole("button", { name: "Save and send" }).click();
      await waitForReplyDone(replies(page).first());
      await expect(thread.getByText("Tell me about flamingos", { exact: true })).toBeVisible();
      const versions = thread.getByRole("navigation", { name: "Versions" });
      await expect(versions.getByTestId("version")).toHaveText("2/2");

      // Regenerate the answer: a second version under the reply, one reply on screen.
      await replies(page).first().getByRole("button", { name: "Regenerate" }).click();
      await waitForReplyDone(replies(page).first());
      await expect(replies(page)).toHaveCount(1);
      await expect(replies(page).first().getByTestId("version")).toHaveText("2/2");

      // Back to the first question: its own answer comes back with it.
      await versions.first().getByRole("button", { name: "Previous version" }).click();
      await expect(thread.getByText("Tell me about herons", { exact: true })).toBeVisible();
      await expect(replyText(replies(page).first())).toContainText("herons");
      await expect(versions.first().getByTestId("version")).toHaveText("1/2");

      // The choice is saved in the background: it is on the server before the page is reloaded.
      const id = new URL(page.url()).searchParams.get("c");
      await expect
        .poll(async () => {
          const res = await page.request.get(`/api/conversations/${id}`);
          const body = (await res.json()) as { conversation: { messages: Array<{ content: string }> } };
          return body.conversation.messages[0]?.content;
        })
        .toBe("Tell me about herons");
      await page.reload();
      await expect(thread.getByText("Tell me about herons", { exact: true })).toBeVisible();
      await expect(thread.getByText("Tell me about flamingos", { exact: true })).toHaveCount(0);
      await expect(versions.first().getByTestId("version")).toHaveText("1/2");

      await page.getByRole("button", { name: "View code" }).click();
      const code = page
        .getByRole("dialog", { name: "View code" })
        .getByRole("tabpanel")
        .getByRole("tabpanel");
      await expect(code.locator("pre")).toContainText("Tell me about herons");
      await expect(code.locator("pre")).not.toContainText("flamingos");
      await page.keyboard.press("Escape");

      // And forward again, across the reload too.
      await versions.first().getByRole("button", { name: "Next version" }).click();
      await expect(thread.getByText("Tell me about flamingos", { exact: true })).toBeVisible();
      await expect(replies(page).first().getByTestId("version")).toHaveText("2/2");
      await expect(messageBox(page)).toBeVisible();
    });
  });
}
