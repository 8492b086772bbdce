import {
  API_BASE,
  BASE_URL,
  createAccount,
  createKey,
  creditState,
  expect,
  signIn,
  test,
  uniqueEmail,
} from "../fixtures";
import { formAlert } from "./account-helpers";

// Accounts and API keys through the browser, as a customer uses them.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const chat = (key: string) =>
  fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "Say hello" }] }),
  });

test("register through an invite link, create and copy a key, use it, revoke it", async ({
  page,
  browser,
}) => {
  test.slow(); // two browser sessions and API round trips
  const inviter = await createAccount();
  const email = uniqueEmail("invitee");

  await page.goto(`/register?invite=${inviter.inviteCode}`);
  await expect(page.getByLabel("Invite code (optional)")).toHaveValue(inviter.inviteCode);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/playground");

  // Sign-up grant for the invitee, +50 once for the inviter.
  expect((await creditState(inviter.id)).balance).toBe(150);
  await page.goto("/keys");
  await expect(page.getByRole("link", { name: /100\s+credits/ })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  // The inviter sees the invitee, masked, and the reward.
  const inviterContext = await browser.newContext();
  const inviterPage = await inviterContext.newPage();
  await signIn(inviterPage, inviter, "/invite");
  await expect(inviterPage.getByRole("cell", { name: `${email[0]}***@test.kimi.local` })).toBeVisible();
  await expect(inviterPage.getByText(email)).toHaveCount(0);
  await expect(inviterPage.getByRole("cell", { name: "+50" })).toBeVisible();
  await expect(inviterPage.getByLabel("Invite link")).toHaveValue(
    `${BASE_URL}/register?invite=${inviter.inviteCode}`,
  );
  await inviterContext.close();

  // Create a key: shown once, copyable.
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("CI runner");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("You will not see this key again.")).toBeVisible();
  const key = await dialog.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^sk-kimi-[0-9A-Za-z]{40}$/);
  await dialog.getByRole("button", { name: "Copy key" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  // The copied key works against the API.
  const ok = await chat(key);
  expect(ok.status).toBe(200);
  expect((await ok.json()).object).toBe("chat.completion");

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  const row = page.getByRole("row", { name: /CI runner/ });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row.getByRole("cell", { name: "1", exact: true })).toHaveCount(2); // requests and credits (30d)
  await expect(page.getByText(key)).toHaveCount(0); // never shown again

  // Revoke with confirmation: rejected at once.
  await row.getByRole("button", { name: "Revoke CI runner" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Key “CI runner” revoked")).toBeVisible();
  await expect(row.getByText("Revoked")).toBeVisible();
  const refused = await chat(key);
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.code).toBe("invalid_api_key");
});

test("a wrong password or unknown email gets one generic error", async ({ page, account }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Wrong email or password.");

  // Still no session.
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?next=%2Fkeys$/);
});

test("repeated wrong passwords for one email are slowed down", async ({ page, account }) => {
  await page.goto("/login");
  const submit = async (password: string) => {
    // The previous attempt's answer resets the form when it lands (React form actions): fill only
    // once it has, or the reset can wipe the password just typed and the browser refuses to submit.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(password);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  };
  for (let i = 0; i < 10; i++) {
    await submit(`wrong-password-${i}`);
    await expect(formAlert(page)).toHaveText("Wrong email or password.");
  }
  // The 11th attempt is refused without checking the password — even the right one.
  await submit(account.password);
  await expect(formAlert(page)).toHaveText(/^Too many attempts, try again in \d+ s\.$/);
  await expect(page).toHaveURL(/\/login/);
});

test("registering an email twice is refused clearly", async ({ page, account }) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill(account.email.toUpperCase());
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page).toHaveURL(/\/register/);
});

test("the 51st active key is refused with a clear message", async ({ page, account }) => {
  for (let i = 2; i <= 50; i++) await createKey(account.id, { name: `key ${i}` });

  await signIn(page, account, "/keys");
  await expect(page.getByText("50 of 50 active keys")).toBeVisible();
  await expect(
    page.getByText("You have 50 active keys, the maximum. Revoke one to create another."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key", exact: true })).toBeDisabled();

  const refused = await page.request.post("/api/keys", {
    data: { name: "one too many" },
    headers: { Origin: BASE_URL },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe(
    "You already have 50 active keys. Revoke one to create another.",
  );

  await page.getByRole("button", { name: "Revoke key 50" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("49 of 50 active keys")).toBeVisible();
  await page.getByRole("button", { name: "Create key", exact: true }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("the 50th again");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog").getByText("You will not see this key again.")).toBeVisible();
});

test("another user cannot read, revoke or see usage of someone's keys", async ({
  browser,
  page,
  account: owner,
}) => {
  const intruder = await createAccount();
  const ownerKeyUrl = `/api/keys/${owner.keyId}`;

  // The owner can.
  await signIn(page, owner, "/keys");
  expect((await page.request.get(ownerKeyUrl)).status()).toBe(200);

  const context = await browser.newContext();
  const intruderPage = await context.newPage();
  await signIn(intruderPage, intruder, "/keys");
  const api = intruderPage.request;
  const origin = { Origin: BASE_URL };

  const read = await api.get(ownerKeyUrl);
  expect(read.status()).toBe(404);
  expect((await read.json()).error.code).toBe("not_found");
  const revoke = await api.delete(ownerKeyUrl, { headers: origin });
  expect(revoke.status()).toBe(404);
  const list = await (await api.get("/api/keys")).json();
  expect(list.data.map((k: { id: string }) => k.id)).toEqual([intruder.keyId]);
  await expect(intruderPage.getByRole("row", { name: /e2e/ })).toHaveCount(1);

  // Body fields that would change someone else's account are ignored.
  const created = await api.post("/api/keys", {
    headers: origin,
    data: { name: "mine", userId: owner.id, credits: 1_000_000, role: "admin" },
  });
  expect(created.status()).toBe(201);
  expect((await api.get(`/api/keys/${(await created.json()).id}`)).status()).toBe(200);
  expect((await page.request.get(`/api/keys/${(await created.json()).id}`)).status()).toBe(404);
  expect((await creditState(intruder.id)).balance).toBe(100);
  await context.close();

  // The owner's key still works.
  expect((await chat(owner.key)).status).toBe(200);
  expect((await (await page.request.get(ownerKeyUrl)).json()).status).toBe("active");
});

test("session routes refuse strangers and cross-site writes", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  for (const [method, path] of [
    ["GET", "/api/keys"],
    ["GET", "/api/me"],
    ["GET", "/api/invite"],
    ["POST", "/api/keys"],
  ] as const) {
    const res = await anonymous.fetch(path, {
      method,
      headers: { Origin: BASE_URL },
      data: method === "POST" ? { name: "x" } : undefined,
    });
    expect(res.status(), `${method} ${path}`).toBe(401);
  }
  await anonymous.dispose();

  const account = await createAccount();
  await signIn(page, account, "/keys");
  const crossSite = await page.request.post("/api/keys", {
    data: { name: "csrf" },
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  const noOrigin = await page.request.delete(`/api/keys/${account.keyId}`);
  expect(noOrigin.status()).toBe(403);
  const tooBig = await page.request.post("/api/keys", {
    headers: { Origin: BASE_URL, "Content-Type": "application/json" },
    data: JSON.stringify({ name: "x".repeat(70_000) }),
  });
  expect(tooBig.status()).toBe(413);
  const invalid = await page.request.post("/api/keys", { headers: { Origin: BASE_URL }, data: { name: "" } });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toEqual({
    error: { code: "invalid_request", message: "Give the key a name.", param: "name" },
  });

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.includes("authjs.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});
