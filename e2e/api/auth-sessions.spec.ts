import { type APIRequestContext, request } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { e2eEnv } from "../env";
import { BASE_URL, createAccount, expect, test } from "../fixtures";
import { admin } from "./admin-helpers";
import { signedInContext } from "./billing-helpers";

// A session cookie must stop working on the server the moment its session ends — sign-out, or a
// password change by the operator — even when someone copied it beforehand and replays it.

type Cookies = Awaited<ReturnType<APIRequestContext["storageState"]>>["cookies"];

/** Another client (the thief) presenting exactly these cookies. */
async function replay(cookies: Cookies): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { Origin: BASE_URL },
    storageState: { cookies, origins: [] },
  });
}

async function expectSignedIn(context: APIRequestContext, email: string) {
  const me = await context.get("/api/me");
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe(email);
  const page = await context.get("/playground", { maxRedirects: 0 });
  expect(page.status()).toBe(200);
}

async function expectSignedOut(context: APIRequestContext) {
  const me = await context.get("/api/me");
  expect(me.status()).toBe(401);
  expect(((await me.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  const page = await context.get("/playground", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(new URL(page.headers().location ?? "", BASE_URL).pathname).toBe("/login");
  // Auth.js's own session endpoint agrees: no session.
  expect(await (await context.get("/api/auth/session")).json()).toBeNull();
}

async function signOut(context: APIRequestContext) {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await context.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
}

test("a session cookie copied before sign-out is refused afterwards; other sessions go on", async ({
  account,
}) => {
  const victim = await signedInContext(account.email, account.password);
  const otherDevice = await signedInContext(account.email, account.password);
  const stolen = (await victim.storageState()).cookies;
  const thief = await replay(stolen);
  try {
    await expectSignedIn(thief, account.email);
    await signOut(victim);
    await expectSignedOut(victim);
    await expectSignedOut(thief);
    // Signing out on one device ends that session only.
    await expectSignedIn(otherDevice, account.email);
  } finally {
    await Promise.all([victim.dispose(), otherDevice.dispose(), thief.dispose()]);
  }
});

test("a password change through the CLI ends every session of that user", async ({ account }) => {
  const bystander = await createAccount();
  const first = await signedInContext(account.email, account.password);
  const second = await signedInContext(account.email, account.password);
  const thief = await replay((await first.storageState()).cookies);
  const other = await signedInContext(bystander.email, bystander.password);
  try {
    await expectSignedIn(thief, account.email);
    const changed = await admin(["user:password", "--email", account.email, "--password-stdin"], {
      input: "a-brand-new-password-42\n",
    });
    expect(changed.stderr).toBe("");
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({ email: account.email, sessionsEnded: 2 });

    for (const context of [first, second, thief]) await expectSignedOut(context);
    await expectSignedIn(other, bystander.email);
    // The old password no longer signs in; the new one does.
    await expect(signedInContext(account.email, account.password)).rejects.toThrow(/sign-in failed/);
    const renewed = await signedInContext(account.email, "a-brand-new-password-42");
    await expectSignedIn(renewed, account.email);
    await renewed.dispose();
  } finally {
    await Promise.all([first.dispose(), second.dispose(), thief.dispose(), other.dispose()]);
  }
});

test("a validly sealed session cookie that names no server-side session is refused", async () => {
  // What a cookie from before server-side sessions looks like: signed with the real secret, the
  // user's id, no session id. Its holder signs in again.
  const account = await createAccount();
  const name = "authjs.session-token";
  const value = await encode({
    token: { sub: account.id, email: account.email },
    secret: e2eEnv().AUTH_SECRET,
    salt: name,
  });
  const url = new URL(BASE_URL);
  const context = await replay([
    {
      name,
      value,
      domain: url.hostname,
      path: "/",
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
    },
  ]);
  try {
    await expectSignedOut(context);
  } finally {
    await context.dispose();
  }
});
