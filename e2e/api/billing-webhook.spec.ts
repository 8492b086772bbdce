import { once } from "node:events";
import http from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { type Account, createAccount, creditState, expect, test } from "../fixtures";
import {
  checkoutEvent,
  deliver as deliverTo,
  failGrantsFor,
  grantsOf,
  purchasesOf,
  type SessionFields,
  sign,
  signedInContext,
  WEBHOOK_SECRET,
} from "./billing-helpers";
import { paidSessionEvent } from "./fake-stripe";
import { type StripeModeServer, startStripeModeServer } from "./stripe-server";

// POST /api/webhooks/stripe over HTTP, with signatures made by the Stripe SDK's own test helper,
// against a production server in Stripe mode whose Stripe API is a fake one (e2e/api/fake-stripe.ts).
// A webhook fulfils only a Checkout Session the server created, so each purchase starts with a
// real checkout: sign in, POST /api/billing/checkout, the server asks the fake Stripe for a session.

test.use({ accountOptions: { credits: 100 } });

// One server for the file: its tests run in order in one worker.
test.describe.configure({ mode: "default" });

let stripe: StripeModeServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stripe = await startStripeModeServer(55);
});

test.afterAll(async () => {
  await stripe?.stop();
});

function deliver(request: APIRequestContext, payload: string, signature: string | null) {
  return deliverTo(request, payload, signature, stripe.url);
}

/** A Checkout Session the server created for the account (its pending purchase included). */
async function checkoutSession(account: Account, packageId = "standard"): Promise<string> {
  const ctx = await signedInContext(account.email, account.password, stripe.url);
  const res = await ctx.post("/api/billing/checkout", { data: { package: packageId } });
  expect(res.status()).toBe(200);
  const { session_id } = (await res.json()) as { session_id: string };
  await ctx.dispose();
  return session_id;
}

/** checkoutEvent for a session the server created. */
async function ourCheckoutEvent(type: string, account: Account, fields: Omit<SessionFields, "userId">) {
  const sessionId = fields.sessionId ?? (await checkoutSession(account, fields.packageId));
  return checkoutEvent(type, { userId: account.id, ...fields, sessionId });
}

test("a signed checkout.session.completed (paid) fulfils the purchase", async ({ request, account }) => {
  const { payload, sessionId } = await ourCheckoutEvent("checkout.session.completed", account, {
    packageId: "standard",
    amountCents: 2999,
  });
  const res = await deliver(request, payload, sign(payload));
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    received: true,
    result: "fulfilled",
    purchase_id: expect.any(String),
  });
  expect(await creditState(account.id)).toMatchObject({ balance: 5_100, ledgerSum: 5_100 });
  const purchases = await purchasesOf(account.id);
  expect(purchases).toHaveLength(1);
  expect(purchases[0]).toMatchObject({
    status: "paid",
    provider: "stripe",
    providerSessionId: sessionId,
    packageId: "standard",
    amountCents: 2999,
  });
  const grant = (await grantsOf(account.id)).find((g) => g.source === "purchase");
  expect(grant?.amount).toBe(5_000);
  expect(grant?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
});

const signatureCases = [
  { name: "missing header", signature: (_p: string) => null, body: (p: string) => p },
  {
    name: "signed with another secret",
    signature: (p: string) => sign(p, { secret: "whsec_not_ours" }),
    body: (p: string) => p,
  },
  {
    name: "stale timestamp (10 minutes old)",
    signature: (p: string) => sign(p, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    body: (p: string) => p,
  },
  {
    name: "tampered body",
    signature: (p: string) => sign(p),
    body: (p: string) => p.replace('"standard"', '"premium"'),
  },
  { name: "garbage header", signature: (_p: string) => "t=1,v1=deadbeef", body: (p: string) => p },
  {
    name: "header without v1",
    signature: (p: string) => sign(p).replace(/,v1=.*/, ""),
    body: (p: string) => p,
  },
];

for (const c of signatureCases) {
  test(`rejects a bad signature with 400 and grants nothing: ${c.name}`, async ({ request, account }) => {
    const { payload } = checkoutEvent("checkout.session.completed", { userId: account.id });
    const res = await deliver(request, c.body(payload), c.signature(payload));
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_request");
    expect(JSON.stringify(body)).not.toContain(WEBHOOK_SECRET);
    expect(await creditState(account.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
    expect(await purchasesOf(account.id)).toHaveLength(0);
  });
}

test("the same event delivered 10 times in parallel grants once", async ({ request, account }) => {
  const { payload } = await ourCheckoutEvent("checkout.session.completed", account, {
    packageId: "premium",
    amountCents: 5999,
  });
  const signature = sign(payload);
  const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(request, payload, signature)));
  expect(responses.map((r) => r.status())).toEqual(Array(10).fill(200));
  const results = await Promise.all(responses.map(async (r) => (await r.json()).result));
  expect(results.filter((r) => r === "fulfilled")).toHaveLength(1);
  expect(results.filter((r) => r === "duplicate")).toHaveLength(9);
  expect(await purchasesOf(account.id)).toHaveLength(1);
  expect((await grantsOf(account.id)).filter((g) => g.source === "purchase")).toHaveLength(1);
  expect(await creditState(account.id)).toMatchObject({ balance: 20_100, ledgerSum: 20_100 });
});

test("a delayed payment: completed-unpaid waits, async_payment_succeeded fulfils, redelivery is a duplicate", async ({
  request,
  account,
}) => {
  const unpaid = await ourCheckoutEvent("checkout.session.completed", account, {
    packageId: "starter",
    amountCents: 499,
    paymentStatus: "unpaid",
  });
  const first = await deliver(request, unpaid.payload, sign(unpaid.payload));
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ result: "ignored" });
  expect((await creditState(account.id)).balance).toBe(100);

  const succeeded = await ourCheckoutEvent("checkout.session.async_payment_succeeded", account, {
    packageId: "starter",
    amountCents: 499,
    sessionId: unpaid.sessionId,
  });
  const second = await deliver(request, succeeded.payload, sign(succeeded.payload));
  expect(await second.json()).toMatchObject({ result: "fulfilled" });
  const again = await deliver(request, succeeded.payload, sign(succeeded.payload));
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ result: "duplicate" });
  expect(await creditState(account.id)).toMatchObject({ balance: 600, ledgerSum: 600 });
  const grant = (await grantsOf(account.id)).find((g) => g.source === "purchase");
  expect(grant).toMatchObject({ amount: 500, expiresAt: null });
});

test("events it does not handle, and sessions that are not ours, get 2xx and change nothing", async ({
  request,
  account,
}) => {
  const other = JSON.stringify({
    id: "evt_other",
    object: "event",
    type: "customer.created",
    data: { object: { id: "cus_1", object: "customer" } },
  });
  const res = await deliver(request, other, sign(other));
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ received: true, result: "ignored" });

  const foreign = checkoutEvent("checkout.session.completed", { userId: account.id, packageId: "gold" });
  const res2 = await deliver(request, foreign.payload, sign(foreign.payload));
  expect(res2.status()).toBe(200);
  expect(await res2.json()).toMatchObject({ result: "ignored" });

  const ghost = checkoutEvent("checkout.session.completed", { userId: "no-such-user" });
  const res3 = await deliver(request, ghost.payload, sign(ghost.payload));
  expect(res3.status()).toBe(200);
  expect(await res3.json()).toMatchObject({ result: "ignored" });
  expect(await creditState(account.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
});

test("a database failure answers 5xx and grants nothing; Stripe's retry then grants once", async ({
  request,
  account,
}) => {
  const { payload, sessionId } = await ourCheckoutEvent("checkout.session.completed", account, {
    packageId: "standard",
  });
  const signature = sign(payload);
  const restore = await failGrantsFor(account.id);
  try {
    const failed = await deliver(request, payload, signature);
    expect(failed.status()).toBe(500);
    const body = await failed.json();
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("injected");
    expect(await creditState(account.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
    // Only the checkout's own row, still pending.
    expect((await purchasesOf(account.id)).map((p) => [p.providerSessionId, p.status])).toEqual([
      [sessionId, "pending"],
    ]);
  } finally {
    await restore();
  }
  const retried = await deliver(request, payload, signature);
  expect(retried.status()).toBe(200);
  expect(await retried.json()).toMatchObject({ result: "fulfilled" });
  const duplicate = await deliver(request, payload, signature);
  expect(await duplicate.json()).toMatchObject({ result: "duplicate" });
  expect(await creditState(account.id)).toMatchObject({ balance: 5_100, ledgerSum: 5_100 });
  expect(await purchasesOf(account.id)).toHaveLength(1);
});

test("the inviter gets 500 credits on the invitee's first purchase, and nothing on the second", async ({
  request,
  account: inviter,
}) => {
  const invitee = await createAccount({ credits: 100, inviteCode: inviter.inviteCode });
  expect((await creditState(inviter.id)).balance).toBe(150); // the sign-up reward

  const first = await ourCheckoutEvent("checkout.session.completed", invitee, {
    packageId: "starter",
    amountCents: 499,
  });
  expect(await (await deliver(request, first.payload, sign(first.payload))).json()).toMatchObject({
    result: "fulfilled",
  });
  expect(await creditState(inviter.id)).toMatchObject({ balance: 650, ledgerSum: 650 });

  const second = await ourCheckoutEvent("checkout.session.completed", invitee, {
    packageId: "premium",
    amountCents: 5999,
  });
  expect(await (await deliver(request, second.payload, sign(second.payload))).json()).toMatchObject({
    result: "fulfilled",
  });
  expect(await creditState(inviter.id)).toMatchObject({ balance: 650, ledgerSum: 650 });
  expect((await grantsOf(inviter.id)).filter((g) => g.source === "invite_purchase")).toHaveLength(1);
  expect((await creditState(invitee.id)).balance).toBe(100 + 500 + 20_000);
});

test("bodies that are not events: too large → 413, signed non-JSON → 400", async ({ request }) => {
  const huge = "x".repeat(600 * 1024);
  const big = await deliver(request, huge, sign(huge));
  expect(big.status()).toBe(413);
  const notJson = "this is not json";
  const res = await deliver(request, notJson, sign(notJson));
  expect(res.status()).toBe(400);
});

test("Stripe mode end to end: checkout creates the session at Stripe, its paid webhook grants once", async ({
  request,
  account,
}) => {
  const ctx = await signedInContext(account.email, account.password, stripe.url);
  const res = await ctx.post("/api/billing/checkout", { data: { package: "premium" } });
  expect(res.status()).toBe(200);
  const checkout = (await res.json()) as { mode: string; session_id: string; url: string };
  const session = stripe.fake.sessions.get(checkout.session_id);
  expect(checkout).toEqual({ mode: "stripe", session_id: session?.id, url: session?.url });
  expect(session).toMatchObject({
    authorization: "Bearer sk_test_e2e_fake_stripe",
    mode: "payment",
    client_reference_id: account.id,
    customer_email: account.email,
    metadata: { package: "premium" },
    amount_total: 5999,
    currency: "usd",
    success_url: `${stripe.url}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
  });
  const pending = await (await ctx.get(`/api/billing/sessions/${checkout.session_id}`)).json();
  expect(pending).toMatchObject({ status: "pending", provider: "stripe", amount_cents: 5999 });

  // The test-mode checkout is refused while Stripe takes the payments.
  const testPay = await ctx.post(`/api/billing/test-checkout/${checkout.session_id}/pay`);
  expect(testPay.status()).toBe(403);
  expect((await ctx.get(`/billing/test-checkout/${checkout.session_id}`)).status()).toBe(404);
  expect((await creditState(account.id)).balance).toBe(100);

  if (!session) throw new Error("the fake Stripe has no such session");
  const event = paidSessionEvent(session);
  const first = await deliver(request, event, sign(event));
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ result: "fulfilled" });
  const again = await deliver(request, event, sign(event));
  expect(await again.json()).toMatchObject({ result: "duplicate" });
  expect(await creditState(account.id)).toMatchObject({ balance: 20_100, ledgerSum: 20_100 });
  const paid = await (await ctx.get(`/api/billing/sessions/${checkout.session_id}`)).json();
  expect(paid).toMatchObject({ status: "paid", credits: 20_000 });
  await ctx.dispose();
});

/** The server's log line about an ignored event names the event and the session, and no secret. */
async function expectIgnoredAndLogged(payload: string) {
  const event = JSON.parse(payload) as { id: string; data: { object: { id: string } } };
  await expect
    .poll(() =>
      stripe.server
        .output()
        .split("\n")
        .some(
          (line) =>
            line.includes(event.id) && line.includes(event.data.object.id) && line.includes('"level":40'),
        ),
    )
    .toBe(true);
  expect(stripe.server.output()).not.toContain(WEBHOOK_SECRET);
  expect(stripe.server.output()).not.toContain("sk_test_e2e_fake_stripe");
}

test("attack: a correctly signed event for a session we never created grants nothing", async ({
  request,
  account: attacker,
}) => {
  const { payload } = checkoutEvent("checkout.session.completed", {
    userId: attacker.id,
    packageId: "premium",
    amountCents: 5999,
  });
  const res = await deliver(request, payload, sign(payload));
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ received: true, result: "ignored" });
  expect(await creditState(attacker.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
  expect(await purchasesOf(attacker.id)).toHaveLength(0);
  await expectIgnoredAndLogged(payload);
});

test("attack: a signed event for our session at 0 JPY, at 0 USD, for another package, or for another user grants nothing", async ({
  request,
  account: owner,
}) => {
  const attacker = await createAccount({ credits: 100 });
  const sessionId = await checkoutSession(owner, "starter");
  const cases = [
    { name: "0 JPY", fields: { userId: owner.id, packageId: "starter", amountCents: 0, currency: "jpy" } },
    { name: "0 USD", fields: { userId: owner.id, packageId: "starter", amountCents: 0 } },
    {
      name: "the price in JPY",
      fields: { userId: owner.id, packageId: "starter", amountCents: 499, currency: "jpy" },
    },
    { name: "another package", fields: { userId: owner.id, packageId: "premium", amountCents: 5999 } },
    {
      name: "another user's client_reference_id",
      fields: { userId: attacker.id, packageId: "starter", amountCents: 499 },
    },
  ];
  for (const c of cases) {
    const { payload } = checkoutEvent("checkout.session.completed", { ...c.fields, sessionId });
    const res = await deliver(request, payload, sign(payload));
    expect(res.status(), c.name).toBe(200);
    expect(await res.json(), c.name).toMatchObject({ received: true, result: "ignored" });
    await expectIgnoredAndLogged(payload);
  }
  for (const account of [owner, attacker]) {
    expect(await creditState(account.id)).toMatchObject({ balance: 100, ledgerSum: 100 });
    expect((await grantsOf(account.id)).filter((g) => g.source === "purchase")).toHaveLength(0);
  }
  expect((await purchasesOf(owner.id)).map((p) => p.status)).toEqual(["pending"]);
  expect(await purchasesOf(attacker.id)).toHaveLength(0);

  // Stripe's genuine event for that session still fulfils it, once.
  const genuine = checkoutEvent("checkout.session.completed", {
    userId: owner.id,
    packageId: "starter",
    amountCents: 499,
    sessionId,
  });
  expect(await (await deliver(request, genuine.payload, sign(genuine.payload))).json()).toMatchObject({
    result: "fulfilled",
  });
  expect(await creditState(owner.id)).toMatchObject({ balance: 600, ledgerSum: 600 });
});

test("attack: a chunked 2 MB body to the webhook is a 413 before the body has ended", async () => {
  const { url } = stripe;
  const req = http.request(`${url}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": sign("{}") },
    // Without the limit the server would wait for the end of a body that never ends.
    signal: AbortSignal.timeout(20_000),
  });
  const response = once(req, "response") as Promise<[http.IncomingMessage]>;
  const chunk = Buffer.alloc(64 * 1024, "x");
  for (let sent = 0; sent < 2 * 1024 * 1024; sent += chunk.length) req.write(chunk);
  expect(req.getHeader("content-length")).toBeUndefined();
  const [res] = await response;
  expect(res.statusCode).toBe(413);
  const parts: Buffer[] = [];
  for await (const part of res) parts.push(part as Buffer);
  expect(JSON.parse(Buffer.concat(parts).toString()).error.code).toBe("body_too_large");
  req.destroy();
});
