import { randomUUID } from "node:crypto";
import { type Account, API_BASE, creditState, database, expect, grant, test } from "../fixtures";

// X-Credits-Remaining is the balance as of this call's own reservation, never the server's cached
// figure. The balance is moved behind the server's key cache from this test process, as a second
// instance sharing the database would, within the cache's lifetime.

test.use({ accountOptions: { credits: 8 } });

const hello = [{ role: "user", content: "Say hello" }];

function call(key: string, path: "/chat/completions" | "/messages", body: Record<string, unknown>) {
  return fetch(`${API_BASE}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify(body),
  });
}

/** Another instance's charge: a ledger row written straight to the shared database. */
async function spendElsewhere(account: Account, credits: number) {
  await (await database()).creditLedger.create({
    data: {
      userId: account.id,
      delta: -credits,
      balanceAfter: 0,
      reason: "charge",
      idempotencyKey: `charge:elsewhere-${randomUUID()}`,
    },
  });
}

const surfaces = [
  { path: "/chat/completions", body: { model: "kimi-k2", messages: hello } },
  { path: "/messages", body: { model: "kimi-k2", max_tokens: 64, messages: hello } },
] as const;

for (const { path, body } of surfaces) {
  test(`${path}: a balance spent behind the key cache shows the database's figure, never the cached one`, async ({
    account,
  }) => {
    const first = await call(account.key, path, body);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-credits-remaining")).toBe("7"); // the server now caches 7
    await first.body?.cancel();

    await spendElsewhere(account, 7);
    const refused = await call(account.key, path, { ...body, stream: true });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/insufficient/);
    expect(refused.headers.get("x-credits-remaining")).toBe("0");

    // Not reserving at all (an invalid body): no figure rather than a cached one.
    const invalid = await call(account.key, path, { ...body, messages: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("x-credits-remaining")).toBeNull();
    await invalid.body?.cancel();

    await grant(account.id, 5);
    const served = await call(account.key, path, body);
    expect(served.status).toBe(200);
    await served.body?.cancel();
    const { balance, ledgerSum } = await creditState(account.id);
    expect({ balance, ledgerSum }).toEqual({ balance: 4, ledgerSum: 4 });
    expect(served.headers.get("x-credits-remaining")).toBe(String(balance));
  });
}
