import { createAccount, expect, test } from "../fixtures";
import { clientFrom, ownPort, randomLoopback, startExpectingRefusal, startOwnServer } from "../own-server";

// Without SMTP_URL (development) no mail goes out: each message is written to the server log,
// link included, and sign-up credits come at once as before. SMTP_URL without EMAIL_FROM is a
// configuration error the server names before it starts.

test("without SMTP_URL a reset email, with its link, is written to the server log", async () => {
  test.setTimeout(120_000);
  const server = await startOwnServer(ownPort(141), {
    SMTP_URL: undefined,
    EMAIL_FROM: undefined,
    LOG_LEVEL: "info",
  });
  try {
    const account = await createAccount();
    const client = clientFrom(randomLoopback(), server.url);
    const res = await client.postJson("/api/auth/password-reset", { email: account.email });
    expect(res.status).toBe(200);
    const logged = new RegExp(
      `${server.url.replaceAll(".", "\\.")}/reset-password\\?token=([A-Za-z0-9_-]{43})`,
    );
    const token = (await server.waitForOutput(logged))[1] ?? "";
    const line =
      server
        .output()
        .split("\n")
        .find((l) => l.includes(token)) ?? "";
    expect(line).toContain("email not sent (no SMTP_URL): logged");
    expect(line).toContain(account.email);

    // The logged link works like a mailed one.
    const password = `new-${crypto.randomUUID()}`;
    const done = await client.postJson("/api/auth/password-reset/confirm", { token, password });
    expect(done.status, done.text).toBe(200);
    expect(await client.signIn(account.email, password)).toBe("ok");
  } finally {
    await server.stop();
  }
});

test("SMTP_URL without EMAIL_FROM: the server does not start, and names EMAIL_FROM", async () => {
  test.setTimeout(120_000);
  const result = await startExpectingRefusal(ownPort(142), {
    SMTP_URL: "smtp://user:secret-password@127.0.0.1:2525",
    EMAIL_FROM: undefined,
  });
  expect(result.ready, result.output).toBe(false);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain("EMAIL_FROM: is required when SMTP_URL is set");
  expect(result.output).not.toContain("secret-password");
});
