import { createAccount, creditState, database, expect, requestLogs, test } from "../fixtures";
import { type OwnServer, ownPort, startOwnServer } from "../own-server";

// A server killed (SIGKILL) in the middle of calls settles nothing on its way out. Started again,
// it (or any instance on the same database) finds the reservations no call settled, once they
// are older than the longest a call can go without output (each of the model's routes' first-byte
// timeout, then the idle timeout, and a margin: e2e/env.ts sets them short): the call whose
// upstream hung is refunded, the stream that had sent output stays charged, and both appear in the
// request log and the usage report as interrupted.

const port = ownPort(90);
let server: OwnServer | undefined;

test.afterEach(async () => {
  await server?.stop();
});

const chat = (key: string, content: string, stream: boolean) =>
  fetch(`http://127.0.0.1:${port}/api/v1/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content }], stream }),
  });

test("after a kill -9 mid-call, the hung call is refunded, the streamed one stays charged, both logged", async () => {
  test.setTimeout(180_000);
  const account = await createAccount({ credits: 5 });
  server = await startOwnServer(port, {});

  // Both upstreams hang: the call holds its reservation and nothing has gone out.
  const hung = chat(account.key, "Hello [[sim:hang]]", false).then(
    () => "answered",
    () => "lost",
  );
  // A slow stream: its first output goes out, then the server dies mid-stream.
  const streamed = await chat(account.key, "Tell me a long story [[sim:slow=1000]]", true);
  expect(streamed.status).toBe(200);
  const streamedId = streamed.headers.get("x-request-id");
  const reader = streamed.body?.pipeThrough(new TextDecoderStream()).getReader();
  let received = "";
  while (reader && !received.includes('"content":"')) received += (await reader.read()).value ?? "";

  // Both reservations are in the ledger, and the stream's row marks its output as sent.
  await expect.poll(async () => (await creditState(account.id)).balance).toBe(3);
  const db = await database();
  await expect
    .poll(async () =>
      (await db.requestLog.findMany({ where: { userId: account.id } })).map((r) => [r.id, r.errorCode]),
    )
    .toEqual([[streamedId, "in_progress"]]);

  await server.kill();
  expect(await hung).toBe("lost");
  const charges = (await creditState(account.id)).ledger.filter((r) => r.reason === "charge");
  const hungId = charges.map((r) => r.requestId).find((id) => id !== streamedId);

  server = await startOwnServer(port, {});
  await expect
    .poll(async () => (await requestLogs(account.id)).filter((r) => r.errorCode === "interrupted").length, {
      timeout: 90_000,
    })
    .toBe(2);

  const state = await creditState(account.id);
  expect(state).toMatchObject({ balance: 4, ledgerSum: 4 });
  expect(state.ledger.filter((r) => r.reason === "refund").map((r) => r.requestId)).toEqual([hungId]);
  const logs = await requestLogs(account.id);
  expect(logs.find((r) => r.id === hungId)).toMatchObject({ status: 500, credits: 0, stream: false });
  expect(logs.find((r) => r.id === streamedId)).toMatchObject({ status: 500, credits: 1, stream: true });

  // The usage report agrees with the ledger.
  const report = await fetch(`${server.url}/api/user/credits`, {
    headers: { Authorization: `Bearer ${account.key}` },
  }).then((r) => r.json());
  expect(report).toMatchObject({ balance: 4, total_consumed: 1, total_requests: 2, successful_requests: 0 });
  const day = report.usage_by_day.at(-1);
  expect(day).toMatchObject({ requests: 2, errors: 2, credits: 1 });
});
