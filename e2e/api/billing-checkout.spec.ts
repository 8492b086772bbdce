import { BASE_URL, createAccount, creditState, expect, test } from "../fixtures";
import { purchasesOf, signedInContext } from "./billing-helpers";

// Checkout with no STRIPE_SECRET_KEY (the e2e server): test mode, through the same fulfilment.

test.use({ accountOptions: { credits: 100 } });

test("checkout needs a session", async ({ request }) => {
  const res = await request.post(`${BASE_URL}/api/billing/checkout`, {
    data: { package: "starter" },
    headers: { Origin: BASE_URL },
  });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthorized");
  const pay = await request.post(`${BASE_URL}/api/billing/test-checkout/test_cs_x/pay`, {
    headers: { Origin: BASE_URL },
  });
  expect(pay.status()).toBe(401);
});

test("bad checkout requests get a clear 4xx and create nothing", async () => {
  const account = await createAccount();
  const ctx = await signedInContext(account.email, account.password);
  const cases = [
    { name: "malformed JSON", data: "{not json", status: 400, code: "invalid_json" },
    { name: "empty body", data: "", status: 400, code: "invalid_json" },
    { name: "missing package", data: {}, status: 400, code: "invalid_request" },
    { name: "wrong type", data: { package: 5 }, status: 400, code: "invalid_request" },
    { name: "unknown package", data: { package: "gold" }, status: 400, code: "invalid_request" },
    {
      name: "huge body",
      data: { package: "starter", pad: "x".repeat(200_000) },
      status: 413,
      code: "body_too_large",
    },
  ];
  for (const c of cases) {
    const res = await ctx.post("/api/billing/checkout", {
      // A Buffer goes out byte for byte (Playwright would JSON-encode a string that is not JSON).
      data: Buffer.from(typeof c.data === "string" ? c.data : JSON.stringify(c.data)),
      headers: { "content-type": "application/json" },
    });
    expect(res.status(), c.name).toBe(c.status);
    expect((await res.json()).error.code, c.name).toBe(c.code);
  }
  const crossSite = await ctx.post("/api/billing/checkout", {
    data: { package: "starter" },
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect(await purchasesOf(account.id)).toHaveLength(0);
  await ctx.dispose();
});

test("a test-mode purchase: pending until paid, paid once, however often Pay is pressed", async ({
  account,
}) => {
  const ctx = await signedInContext(account.email, account.password);
  const res = await ctx.post("/api/billing/checkout", { data: { package: "starter" } });
  expect(res.status()).toBe(200);
  const checkout = await res.json();
  expect(checkout).toMatchObject({ mode: "test", session_id: expect.stringMatching(/^test_cs_/) });
  expect(checkout.url).toBe(`/billing/test-checkout/${checkout.session_id}`);

  const pending = await (await ctx.get(`/api/billing/sessions/${checkout.session_id}`)).json();
  expect(pending).toMatchObject({
    status: "pending",
    package: "starter",
    credits: 500,
    amount_cents: 499,
    provider: "test",
  });
  expect((await creditState(account.id)).balance).toBe(100);

  // Ten presses at once (double clicks, several tabs): one grant.
  const pays = await Promise.all(
    Array.from({ length: 10 }, () => ctx.post(`/api/billing/test-checkout/${checkout.session_id}/pay`)),
  );
  expect(pays.map((p) => p.status())).toEqual(Array(10).fill(200));
  const statuses = await Promise.all(pays.map(async (p) => (await p.json()).status));
  expect(statuses.filter((s) => s === "fulfilled")).toHaveLength(1);
  expect(statuses.filter((s) => s === "duplicate")).toHaveLength(9);

  expect(await creditState(account.id)).toMatchObject({ balance: 600, ledgerSum: 600 });
  const purchases = await purchasesOf(account.id);
  expect(purchases).toHaveLength(1);
  expect(purchases[0]).toMatchObject({
    status: "paid",
    provider: "test",
    packageId: "starter",
    amountCents: 499,
  });
  const paid = await (await ctx.get(`/api/billing/sessions/${checkout.session_id}`)).json();
  expect(paid).toMatchObject({ status: "paid", purchase_id: purchases[0]?.id });
  await ctx.dispose();
});

test("nobody can pay for, or look at, someone else's checkout", async ({ account: owner }) => {
  const intruder = await createAccount({ credits: 100 });
  const ownerCtx = await signedInContext(owner.email, owner.password);
  const intruderCtx = await signedInContext(intruder.email, intruder.password);
  const { session_id } = await (
    await ownerCtx.post("/api/billing/checkout", { data: { package: "premium" } })
  ).json();

  const cases = [
    {
      name: "pay another user's session",
      res: () => intruderCtx.post(`/api/billing/test-checkout/${session_id}/pay`),
    },
    {
      name: "read another user's session",
      res: () => intruderCtx.get(`/api/billing/sessions/${session_id}`),
    },
    {
      name: "pay an unknown session",
      res: () => ownerCtx.post("/api/billing/test-checkout/test_cs_unknown/pay"),
    },
    { name: "read an unknown session", res: () => ownerCtx.get("/api/billing/sessions/test_cs_unknown") },
  ];
  for (const c of cases) {
    const res = await c.res();
    expect(res.status(), c.name).toBe(404);
  }
  const crossSite = await ownerCtx.post(`/api/billing/test-checkout/${session_id}/pay`, {
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await creditState(owner.id)).balance).toBe(100);
  expect((await creditState(intruder.id)).balance).toBe(100);
  await ownerCtx.dispose();
  await intruderCtx.dispose();
});
