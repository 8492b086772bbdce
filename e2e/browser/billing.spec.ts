import { API_BASE, creditState, expect, requestLogs, signIn, test } from "../fixtures";

// Buying credits and seeing usage, in Chromium, as a customer would.

test.use({ accountOptions: { credits: 100 }, signInPath: "/pricing" });

test("a test-mode purchase from /pricing to the new balance and its receipt", async ({
  signedInPage: page,
  account,
}) => {
  await expect(page.getByRole("heading", { name: "Pricing", level: 1 })).toBeVisible();
  for (const [name, price] of [
    ["Starter", "$4.99"],
    ["Standard", "$29.99"],
    ["Premium", "$59.99"],
  ] as const) {
    await expect(page.getByRole("group", { name, exact: true })).toContainText(price);
  }
  await page.getByRole("button", { name: "Buy Standard" }).click();

  await page.waitForURL(/\/billing\/test-checkout\//);
  await expect(page.getByRole("note", { name: "Test mode" })).toContainText("TEST MODE — no real payment");
  await expect(page.getByText("5,000", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Pay $29.99 (test mode)" }).click();

  await page.waitForURL(/\/billing\/success\?session_id=/);
  await expect(page.getByRole("heading", { name: "Payment complete" })).toBeVisible();
  await expect(page.getByText("5,000 credits were added to your account.")).toBeVisible();
  await expect(page.getByTestId("new-balance")).toHaveText("5,100 credits");
  // The shell's balance (the ["me"] query) was refreshed too.
  await expect(page.getByRole("banner").getByRole("link", { name: /5,100/ })).toBeVisible();
  expect(await creditState(account.id)).toMatchObject({ balance: 5_100, ledgerSum: 5_100 });

  await page.getByRole("link", { name: "View receipt" }).click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(page.getByText("Standard package — 5,000 credits")).toBeVisible();
  await expect(page.getByText(/Credits valid until/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Total paid/ })).toContainText("$29.99");

  // Purchase history on /pricing links to the same receipt.
  await page.goto("/pricing");
  const history = page.getByRole("table", { name: "Purchase history" });
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history).toContainText("Standard");
  await expect(history).toContainText("$29.99");
  await history.getByRole("link", { name: /Receipt for Standard/ }).click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
});

test("signed out, Buy sends you to sign in and back to /pricing", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { name: "Your purchases" })).toHaveCount(0);
  await page.getByRole("button", { name: "Buy Starter" }).click();
  await page.waitForURL(/\/login\?next=%2Fpricing$/);
  await expect(page.getByLabel("Email")).toBeVisible();
});

test("cancelling the test checkout charges nothing", async ({ signedInPage: page, account }) => {
  await page.getByRole("button", { name: "Buy Premium" }).click();
  await page.waitForURL(/\/billing\/test-checkout\//);
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Checkout cancelled" })).toBeVisible();
  expect((await creditState(account.id)).balance).toBe(100);
});

test("/my-credits shows totals, charts with data, grants and the ledger", async ({ page, account }) => {
  for (const content of ["first", "second", "third"]) {
    const res = await fetch(`${API_BASE}/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${account.key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content }] }),
    });
    expect(res.status).toBe(200);
  }
  await expect.poll(async () => (await requestLogs(account.id)).length).toBe(3);

  await signIn(page, account, "/my-credits");
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals).toContainText("97 credits");
  await expect(totals).toContainText("Credits used3");

  const byDay = page.getByRole("figure", { name: "Requests and credits by day" });
  await expect(byDay).toBeVisible();
  await expect(byDay).toHaveAttribute("data-buckets", "30");
  await expect(byDay).toHaveAttribute("data-active-buckets", "1");
  // Drawn bars (two series on today's bucket) and the same numbers in the accessible table.
  await expect.poll(() => byDay.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(2);
  const today = byDay.getByRole("row", { name: new RegExp(new Date().toISOString().slice(0, 10)) });
  await expect(today.getByRole("cell")).toHaveText(["3", "3", /^[1-9]\d*$/]);

  await page.getByRole("tab", { name: "Last 48 hours" }).click();
  const byHour = page.getByRole("figure", { name: "Requests and credits by hour" });
  await expect(byHour).toHaveAttribute("data-buckets", "48");
  await expect.poll(() => byHour.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(2);

  const grants = page.getByRole("table", { name: "Credits by grant" });
  await expect(grants).toContainText("Sign-up bonus");
  await expect(grants).toContainText("Never");
  const ledger = page.getByRole("table", { name: "Credit history" });
  await expect(ledger.getByRole("row", { name: /Request/ })).toHaveCount(3);
  await expect(ledger).toContainText("Never expires");
});

test("the ledger pages through long histories", async ({ page, account }) => {
  const { reserveCredits } = await import("@/lib/data/credits");
  for (let i = 0; i < 25; i++)
    await reserveCredits({ userId: account.id, cost: 1, requestId: `req_page_${account.id}_${i}` });
  await signIn(page, account, "/my-credits");
  const pages = page.getByRole("navigation", { name: "Credit history pages" });
  await expect(pages).toContainText("Page 1 of 2");
  await pages.getByRole("link", { name: "Older" }).click();
  await expect(pages).toContainText("Page 2 of 2");
  await expect(page.getByRole("table", { name: "Credit history" }).getByRole("row")).toHaveCount(1 + 6);
});

test("the Enterprise form validates and saves", async ({ page }) => {
  await page.goto("/pricing");
  const form = page.getByRole("form", { name: "Enterprise contact form" });
  await form.getByRole("button", { name: "Contact sales" }).click();
  await expect(form.getByText("Enter your name.")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  const email = `buyer-${Date.now()}@corp.example`;
  await form.getByLabel("Name").fill("Grace Hopper");
  await form.getByLabel("Work email").fill(email);
  await form.getByLabel("Company (optional)").fill("Navy");
  await form.getByLabel("What do you need?").fill("A dedicated rate limit for our compiler team.");
  await form.getByRole("button", { name: "Contact sales" }).click();
  await expect(page.getByRole("status").filter({ hasText: "we received your message" })).toBeVisible();

  const { db } = await import("@/lib/db");
  await expect.poll(async () => db().enterpriseInquiry.count({ where: { email } })).toBe(1);
});
