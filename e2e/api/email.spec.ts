import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { hashEmailToken } from "@/lib/email/token";
import { createAccount, creditState, expect, test, uniqueEmail } from "../fixtures";
import { clientFrom, type OwnServer, ownPort, randomLoopback, startOwnServer } from "../own-server";
import { type ReceivedEmail, type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { signedInContext } from "./billing-helpers";

// Email, end to end: a production server of its own sends through a real SMTP server in this
// process, and each test follows the links from the messages it receives.

test.describe.configure({ mode: "serial" });

let sink: SmtpSink;
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sink = await startSmtpSink();
  server = await startOwnServer(ownPort(140), {
    SMTP_URL: sink.url,
    EMAIL_FROM: "Kimi Playground <no-reply@kimi.test>",
    LOG_LEVEL: "info",
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sink?.close();
  // The SMTP password is in SMTP_URL only: no log line may repeat it.
  expect(server.output()).not.toContain(sink.password);
});

async function db() {
  const { db } = await import("@/lib/db");
  return db();
}

/** A client from a loopback address of its own, so the per-address limits start empty. */
function freshClient() {
  return clientFrom(randomLoopback(), server.url);
}

const subjectIs = (subject: string, to: string) => (m: ReceivedEmail) =>
  m.subject === subject && m.to.includes(to);

function linkIn(mail: ReceivedEmail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
  expect(new URL(link).origin).toBe(server.url);
  return link;
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

async function confirmReset(token: string, password: string) {
  return freshClient().postJson("/api/auth/password-reset/confirm", { token, password });
}

async function expectSignedOut(context: APIRequestContext) {
  expect((await context.get("/api/me")).status()).toBe(401);
}

test("password reset: the link sets a new password, ends every session, and works once", async () => {
  const account = await createAccount();
  const session = await signedInContext(account.email, account.password, server.url);
  expect((await session.get("/api/me")).status()).toBe(200);

  const asked = await freshClient().postJson("/api/auth/password-reset", { email: account.email });
  expect(asked.status).toBe(200);
  const mail = await sink.next(subjectIs("Reset your Kimi Playground password", account.email));
  expect(mail.text).toContain("30 minutes");
  const link = linkIn(mail, "/reset-password");

  const page = await fetch(link);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Choose a new password");
  expect(html).toContain('name="referrer" content="no-referrer"');

  // The same password rules as at sign-up.
  const weak = await confirmReset(tokenOf(link), "password123");
  expect(weak.status).toBe(400);
  expect(JSON.parse(weak.text).error.param).toBe("password");

  const newPassword = `new-${crypto.randomUUID()}`;
  const done = await confirmReset(tokenOf(link), newPassword);
  expect(done.status, done.text).toBe(200);

  await expectSignedOut(session);
  await expect(signedInContext(account.email, account.password, server.url)).rejects.toThrow(
    "sign-in failed",
  );
  const fresh = await signedInContext(account.email, newPassword, server.url);
  expect((await fresh.get("/api/me")).status()).toBe(200);

  const again = await confirmReset(tokenOf(link), `other-${crypto.randomUUID()}`);
  expect(again.status).toBe(400);
  expect(JSON.parse(again.text).error.message).toContain("used already");
  expect(await (await fetch(link)).text()).toContain("used already");
  await Promise.all([session.dispose(), fresh.dispose()]);
});

test("password reset: an expired link is refused", async () => {
  const account = await createAccount();
  await freshClient().postJson("/api/auth/password-reset", { email: account.email });
  const link = linkIn(
    await sink.next(subjectIs("Reset your Kimi Playground password", account.email)),
    "/reset-password",
  );
  // 30 minutes later, as far as the row is concerned.
  await (await db()).emailToken.update({
    where: { tokenHash: hashEmailToken(tokenOf(link)) },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(await (await fetch(link)).text()).toContain("This reset link has expired");
  const res = await confirmReset(tokenOf(link), `new-${crypto.randomUUID()}`);
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text).error.message).toContain("expired");
  const stillOld = await signedInContext(account.email, account.password, server.url);
  await stillOld.dispose();
});

test("password reset: an unknown address gets the same answer and no email; unknown tokens are refused", async () => {
  const known = await createAccount();
  const unknown = uniqueEmail("nobody");
  const client = freshClient();
  const forUnknown = await client.postJson("/api/auth/password-reset", { email: unknown });
  const forKnown = await client.postJson("/api/auth/password-reset", { email: known.email });
  expect(forUnknown.status).toBe(200);
  expect(forUnknown.text).toBe(forKnown.text);
  // The known address's mail was asked for after the unknown one's: once it is here, the other
  // would be too.
  await sink.next(subjectIs("Reset your Kimi Playground password", known.email));
  expect(sink.to(unknown)).toEqual([]);

  for (const token of ["", "x".repeat(43), "not a token"]) {
    const res = await confirmReset(token, `new-${crypto.randomUUID()}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toContain("not valid");
  }
  const page = await fetch(`${server.url}/reset-password?token=${"y".repeat(43)}`);
  expect(await page.text()).toContain("This reset link is not valid");
});

test("password reset requests are limited per address, whether or not it has an account", async () => {
  const address = uniqueEmail("nobody");
  for (let i = 0; i < 5; i++) {
    expect((await freshClient().postJson("/api/auth/password-reset", { email: address })).status).toBe(200);
  }
  const limited = await freshClient().postJson("/api/auth/password-reset", { email: address });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
});

async function register(body: { email: string; inviteCode?: string }) {
  const context = await playwrightRequest.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Origin: server.url },
  });
  const password = `pw-${crypto.randomUUID()}`;
  const res = await context.post("/api/auth/register", { data: { ...body, password } });
  expect(res.status(), await res.text()).toBe(201);
  const json = (await res.json()) as { id: string; signedIn: boolean; verificationSent: boolean };
  expect(json.signedIn).toBe(true);
  expect(json.verificationSent).toBe(true);
  return { context, id: json.id };
}

const VERIFY_SUBJECT = "Confirm your email for Kimi Playground";

test("verification: sign-up credits and the invite reward come with the link, once; resend sends a new link", async () => {
  const inviter = await createAccount({ credits: 0 });
  const email = uniqueEmail("signup");
  const { context, id } = await register({ email, inviteCode: inviter.inviteCode });

  expect((await creditState(id)).balance).toBe(0);
  expect((await creditState(inviter.id)).balance).toBe(0);
  const BANNER = 'aria-label="Confirm your email"';
  expect(await (await context.get("/playground")).text()).toContain(BANNER);

  const first = linkIn(await sink.next(subjectIs(VERIFY_SUBJECT, email)), "/verify-email");
  const resent = await context.post("/api/auth/verify-email/resend");
  expect(await resent.json()).toMatchObject({ ok: true, alreadyVerified: false });
  const second = linkIn(
    await sink.next((m) => subjectIs(VERIFY_SUBJECT, email)(m) && !m.text.includes(first)),
    "/verify-email",
  );
  expect(second).not.toBe(first);

  const page = await (await fetch(first)).text();
  expect(page).toContain("Your 100 free credits are in your account");
  expect((await creditState(id)).balance).toBe(100);
  expect((await creditState(inviter.id)).balance).toBe(50);

  // Twice, either link: nothing more.
  expect(await (await fetch(second)).text()).toContain("your address is confirmed");
  expect(await (await fetch(first)).text()).toContain("used already");
  expect((await creditState(id)).balance).toBe(100);
  expect((await creditState(inviter.id)).balance).toBe(50);

  expect(await (await context.get("/playground")).text()).not.toContain(BANNER);
  expect(await (await context.post("/api/auth/verify-email/resend")).json()).toMatchObject({
    alreadyVerified: true,
  });
  await context.dispose();
});

test("verification: resending is limited per account", async () => {
  const email = uniqueEmail("signup");
  const { context } = await register({ email });
  for (let i = 0; i < 5; i++)
    expect((await context.post("/api/auth/verify-email/resend")).status()).toBe(200);
  const limited = await context.post("/api/auth/verify-email/resend");
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  await context.dispose();
});

test("a purchase sends exactly one receipt, however often it is paid", async () => {
  const account = await createAccount();
  const ctx = await signedInContext(account.email, account.password, server.url);
  const checkout = (await (
    await ctx.post("/api/billing/checkout", { data: { package: "standard" } })
  ).json()) as {
    session_id: string;
  };
  const pays = await Promise.all(
    Array.from({ length: 5 }, () => ctx.post(`/api/billing/test-checkout/${checkout.session_id}/pay`)),
  );
  const results = await Promise.all(
    pays.map(async (r) => (await r.json()) as { status: string; purchase_id: string }),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const purchaseId = results[0]?.purchase_id ?? "";

  const receipt = await sink.next(subjectIs("Your Kimi Playground receipt: Standard package", account.email));
  expect(receipt.text).toContain("Credits:        5,000");
  expect(receipt.text).toContain("Amount:         $29.99 USD");
  expect(receipt.text).toContain(`Purchase ID:    ${purchaseId}`);
  expect(receipt.text).toMatch(/Date: +[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} UTC/);
  expect(linkIn(receipt, `/billing/receipts/${purchaseId}`)).toBeTruthy();

  // One more pay after the receipt went out, then a later email as a marker: by the time it
  // arrives, a second receipt would have too.
  expect(
    (await (await ctx.post(`/api/billing/test-checkout/${checkout.session_id}/pay`)).json()).status,
  ).toBe("duplicate");
  await freshClient().postJson("/api/auth/password-reset", { email: account.email });
  await sink.next(subjectIs("Reset your Kimi Playground password", account.email));
  expect(
    sink.to(account.email).filter((m) => m.subject.startsWith("Your Kimi Playground receipt")),
  ).toHaveLength(1);
  await ctx.dispose();
});
