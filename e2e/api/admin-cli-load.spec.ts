import http from "node:http";
import { API_BASE, createAccount, creditState, expect, test, uniqueEmail } from "../fixtures";
import { admin } from "./admin-helpers";

// The operator CLI while the server is busy: six `user:create` and six `credits:grant` at once,
// the grants landing on an account whose key is being spent by a stream of API calls at the same
// moment. Every run must succeed and every balance must come out exact.

const RUNS = 6;
const WORKERS = 8;
const MAX_CALLS = 20_000;

/** One chat call on a connection of its own; its status. */
function chatCall(key: string): Promise<number> {
  const body = JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "hi" }] });
  return new Promise((resolve, reject) => {
    // No kept-alive connection: with this machine this busy, a paused test process could find an
    // idle one closed by the server, which is not what is under test.
    const req = http.request(
      `${API_BASE}/chat/completions`,
      {
        method: "POST",
        agent: false,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

/** Keeps the server busy with chat calls until `stop` resolves; returns how many were served. */
async function busyServer(key: string, stop: Promise<unknown>) {
  let stopped = false;
  void stop.finally(() => {
    stopped = true;
  });
  let started = 0;
  let served = 0;
  const statuses = new Map<number, number>();
  const worker = async () => {
    while (!stopped && started < MAX_CALLS) {
      started++;
      const status = await chatCall(key);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) served++;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { served, statuses: Object.fromEntries(statuses) };
}

test("six user:create and six credits:grant at once, while the server serves calls: all succeed, balances exact", async () => {
  test.setTimeout(180_000);
  const spender = await createAccount({ credits: 50_000, noRateLimit: true });
  const emails = Array.from({ length: RUNS }, (_, i) => uniqueEmail(`cli-load-${i}`));

  let cliDone: () => void = () => undefined;
  const cliFinished = new Promise<void>((resolve) => {
    cliDone = resolve;
  });
  const load = busyServer(spender.key, cliFinished);

  const creates = emails.map((email, i) =>
    admin(["user:create", "--email", email, "--password-stdin", "--credits", String(i + 1)], {
      input: `load-password-${i}-x\n`,
    }),
  );
  const grants = emails.map((_, i) =>
    admin(["credits:grant", "--email", spender.email, "--amount", String(10 * (i + 1))]),
  );
  const results = await Promise.all([...creates, ...grants]);
  cliDone();
  const { served, statuses } = await load;

  for (const result of results) {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
  expect(served).toBeGreaterThan(0);
  expect(Object.keys(statuses)).toEqual(["200"]);

  for (const [i, result] of results.slice(0, RUNS).entries()) {
    const user = JSON.parse(result.stdout.trim()) as { id: string; email: string; balance: number };
    expect(user).toMatchObject({ email: emails[i], balance: i + 1 });
    expect(await creditState(user.id)).toMatchObject({ balance: i + 1, ledgerSum: i + 1 });
  }
  const granted = Array.from({ length: RUNS }, (_, i) => 10 * (i + 1)).reduce((a, b) => a + b, 0);
  expect(await creditState(spender.id)).toMatchObject({
    balance: 50_000 + granted - served,
    ledgerSum: 50_000 + granted - served,
  });
});
