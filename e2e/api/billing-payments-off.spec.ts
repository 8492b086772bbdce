import { type Account, creditState, expect, test } from "../fixtures";
import { type OwnServer, ownPort, startExpectingRefusal, startOwnServer } from "../own-server";
import {
  checkoutEvent,
  deliver,
  purchasesOf,
  sign,
  signedInContext,
  WEBHOOK_SECRET,
} from "./billing-helpers";

// A production server with no payment configuration at all — no Stripe, test mode not asked
// for — as `npm start` runs by default: nothing can be bought and no credits are handed out.
// And a half-made Stripe configuration: the server refuses to start, naming what is missing.

test.use({ accountOptions: { credits: 100 } });

test.describe.configure({ mode: "default" });

let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(ownPort(57), { PAYMENTS_TEST_MODE: undefined });
});

test.afterAll(async () => {
  await server?.stop();
});

/** A pending test-mode checkout of the account's, as one left over from a test-mode deployment. */
async function leftoverTestCheckout(account: Account): Promise<string> {
  const [{ createPendingPurchase }, { findPackage }, { ensureMigrated }] = await Promise.all([
    import("@/lib/data/purchases"),
    import("@/lib/billing/packages"),
    import("@/lib/db"),
  ]);
  await ensureMigrated();
  const pkg = findPackage("premium");
  if (!pkg) throw new Error("no premium package");
  const sessionId = `test_cs_leftover_${account.id}`;
  await createPendingPurchase({ userId: account.id, pkg, provider: "test", sessionId });
  return sessionId;
}

test("attack: with payments not configured, checkout and the test-mode Pay are refused and grant nothing", async ({
  request,
  account,
}) => {
  const ctx = await signedInContext(account.email, account.password, server.url);

  for (const pkg of ["starter", "standard", "premium"]) {
    const res = await ctx.post("/api/billing/checkout", { data: { package: pkg } });
    expect(res.status(), pkg).toBe(503);
    expect(await res.json(), pkg).toEqual({
      error: { code: "payments_not_configured", message: "Payments are not configured on this deployment." },
    });
  }
  expect(await purchasesOf(account.id)).toHaveLength(0);

  // Paying for a test session — guessed, or left from when test mode was on — is refused too.
  const leftover = await leftoverTestCheckout(account);
  for (const sessionId of [leftover, "test_cs_guessed"]) {
    const pay = await ctx.post(`/api/billing/test-checkout/${sessionId}/pay`);
    expect(pay.status(), sessionId).toBe(503);
    expect((await pay.json()).error.code, sessionId).toBe("payments_not_configured");
    expect((await ctx.get(`/billing/test-checkout/${sessionId}`)).status(), sessionId).toBe(404);
  }

  // No webhook either: without Stripe there is nothing to verify an event with.
  const { payload } = checkoutEvent("checkout.session.completed", { userId: account.id });
  const hook = await deliver(request, payload, sign(payload), server.url);
  expect(hook.status()).toBe(404);

  expect(await creditState(account.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
  expect((await purchasesOf(account.id)).map((p) => [p.providerSessionId, p.status])).toEqual([
    [leftover, "pending"],
  ]);
  await ctx.dispose();
});

test("the pricing page says payments are not configured, and its Buy buttons are disabled", async ({
  browser,
  account,
}) => {
  const api = await signedInContext(account.email, account.password, server.url);
  for (const signedIn of [false, true]) {
    const context = await browser.newContext(signedIn ? { storageState: await api.storageState() } : {});
    const page = await context.newPage();
    await page.goto(`${server.url}/pricing`);
    await expect(
      page.getByRole("note").filter({ hasText: "Payments are not configured on this deployment" }),
    ).toBeVisible();
    await expect(page.getByText("Test mode:")).toHaveCount(0);
    for (const name of ["Starter", "Standard", "Premium"]) {
      const buy = page.getByRole("button", { name: `Buy ${name}` });
      await expect(buy).toBeDisabled();
      await expect(buy).toHaveAccessibleDescription(/Payments are not configured/);
    }
    await context.close();
  }
  await api.dispose();
});

test.describe("one Stripe variable without the other", () => {
  for (const [set, missing] of [
    ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"],
    ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"],
  ] as const) {
    test(`only ${set}: the server does not start, and names ${missing}`, async () => {
      test.setTimeout(120_000);
      const secret = set === "STRIPE_SECRET_KEY" ? "sk_test_half_configured" : WEBHOOK_SECRET;
      const result = await startExpectingRefusal(ownPort(58), {
        PAYMENTS_TEST_MODE: undefined,
        [set]: secret,
      });
      expect(result.ready, result.output).toBe(false);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain(`${missing}: is required when ${set} is set`);
      expect(result.output).not.toContain(secret);
    });
  }
});
