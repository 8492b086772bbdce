import type { Page } from "@playwright/test";
import { createAccount, expect, test } from "../fixtures";
import { type OwnServer, ownPort, startOwnServer } from "../own-server";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

// "Forgot password?" as a person uses it, on a desktop and a phone: from the sign-in page to the
// email, through its link to a new password, and back in with it.

test.describe.configure({ mode: "serial" });

let sink: SmtpSink;
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sink = await startSmtpSink();
  server = await startOwnServer(ownPort(143), {
    SMTP_URL: sink.url,
    EMAIL_FROM: "Kimi Playground <no-reply@kimi.test>",
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`forgot password → email → new password → signed in, at ${viewport.width} px`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    const account = await createAccount();

    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeFocused();
    await expectNoSidewaysScroll(page);
    await testInfo.attach(`forgot-password-${viewport.width}`, {
      body: await page.screenshot(),
      contentType: "image/png",
    });
    await page.getByLabel("Email").fill(account.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses this address");

    const mail = await sink.next((m) => m.to.includes(account.email));
    const link = mail.links.find((l) => new URL(l).pathname === "/reset-password") ?? "";
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await testInfo.attach(`reset-password-${viewport.width}`, {
      body: await page.screenshot(),
      contentType: "image/png",
    });

    const password = `new-${crypto.randomUUID()}`;
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("Repeat the new password").fill(`${password}x`);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("The two passwords do not match.")).toBeVisible();
    await page.getByLabel("Repeat the new password").fill(password);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("status")).toContainText("Your password is changed");

    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/playground");

    // The link is spent: opening it again says so and offers a new one.
    await page.goto(link);
    await expect(
      page.getByRole("alert").filter({ hasText: "This reset link has been used already" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Send a new link" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
}
