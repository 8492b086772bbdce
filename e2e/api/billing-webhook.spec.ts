import { createAccount, creditState, expect, test } from "../fixtures";
import {
  checkoutEvent,
  deliver,
  failGrantsFor,
  grantsOf,
  purchasesOf,
  sign,
  WEBHOOK_SECRET,
} from "./billing-helpers";

// POST /api/webhooks/stripe over HTTP, with signatures made by the Stripe SDK's own test helper.

test("a signed checkout.session.completed (paid) fulfils the purchase", async ({ request }) => {
  const account = await createAccount({ credits: 100 });
  const { payload, sessionId } = checkoutEvent("checkout.session.completed", {
    userId: account.id,
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
  test(`rejects a bad signature with 400 and grants nothing: ${c.name}`, async ({ request }) => {
    const account = await createAccount({ credits: 100 });
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

test("the same event delivered 10 times in parallel grants once", async ({ request }) => {
  const account = await createAccount({ credits: 100 });
  const { payload } = checkoutEvent("checkout.session.completed", {
    userId: account.id,
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
}) => {
  const account = await createAccount({ credits: 100 });
  const unpaid = checkoutEvent("checkout.session.completed", {
    userId: account.id,
    packageId: "starter",
    amountCents: 499,
    paymentStatus: "unpaid",
  });
  const first = await deliver(request, unpaid.payload, sign(unpaid.payload));
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ result: "ignored" });
  expect((await creditState(account.id)).balance).toBe(100);

  const succeeded = checkoutEvent("checkout.session.async_payment_succeeded", {
    userId: account.id,
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
}) => {
  const account = await createAccount({ credits: 100 });
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
}) => {
  const account = await createAccount({ credits: 100 });
  const { payload } = checkoutEvent("checkout.session.completed", {
    userId: account.id,
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
    expect(await purchasesOf(account.id)).toHaveLength(0);
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
}) => {
  const inviter = await createAccount({ credits: 100 });
  const invitee = await createAccount({ credits: 100, inviteCode: inviter.inviteCode });
  expect((await creditState(inviter.id)).balance).toBe(150); // the sign-up reward

  const first = checkoutEvent("checkout.session.completed", {
    userId: invitee.id,
    packageId: "starter",
    amountCents: 499,
  });
  expect(await (await deliver(request, first.payload, sign(first.payload))).json()).toMatchObject({
    result: "fulfilled",
  });
  expect(await creditState(inviter.id)).toMatchObject({ balance: 650, ledgerSum: 650 });

  const second = checkoutEvent("checkout.session.completed", {
    userId: invitee.id,
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
