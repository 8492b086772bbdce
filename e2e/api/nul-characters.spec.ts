import { randomUUID } from "node:crypto";
import { BASE_URL, database, expect, SAVED_SETTINGS, test, uniqueEmail } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// A NUL character (U+0000) in text the UI stores or looks up: PostgreSQL refuses it in text (a 500
// before), so it is dropped wherever text comes in — JSON bodies, ids in URLs, sign-in emails.
// Meaningful on the PostgreSQL variant; the same answers on SQLite.

const NUL = "\u0000";
const ORIGIN = { Origin: BASE_URL };
const settings = { ...SAVED_SETTINGS, systemPrompt: `Be brief.${NUL}`, stop: [`${NUL}END`] };

test("conversations: titles, messages and settings with NUL are saved without it", async ({ account }) => {
  const api = await signedInContext(account.email, account.password);
  const created = await api.post("/api/conversations", {
    headers: ORIGIN,
    data: {
      title: `Nul${NUL} title`,
      settings,
      messages: [
        { role: "user", content: `hello${NUL} there` },
        { role: "assistant", content: `re${NUL}ply`, reasoning: `th${NUL}ink`, model: `kimi${NUL}` },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id, title } = (await created.json()).conversation;
  expect(title).toBe("Nul title");

  const put = await api.put(`/api/conversations/${id}/messages`, {
    headers: ORIGIN,
    data: { settings, messages: [{ role: "user", content: `again${NUL}` }] },
  });
  expect(put.status()).toBe(200);
  const patch = await api.patch(`/api/conversations/${id}`, {
    headers: ORIGIN,
    data: { title: `Re${NUL}named` },
  });
  expect(patch.status()).toBe(200);

  const read = (await (await api.get(`/api/conversations/${id}`)).json()).conversation;
  expect(read.title).toBe("Renamed");
  expect(read.messages.map((m: { content: string }) => m.content)).toEqual(["again"]);
  expect(read.settings.systemPrompt).toBe("Be brief.");
  expect(read.settings.stop).toEqual(["END"]);

  const defaults = await api.put("/api/playground/settings", { headers: ORIGIN, data: settings });
  expect(defaults.status()).toBe(200);
  await api.dispose();
});

test("ids with NUL in URLs are 'not found', never a 500", async ({ account }) => {
  const api = await signedInContext(account.email, account.password);
  for (const [method, path] of [
    ["GET", "/api/conversations/%00"],
    ["PATCH", "/api/conversations/a%00b"],
    ["PUT", "/api/conversations/%00/messages"],
    ["DELETE", "/api/conversations/%00"],
    ["GET", "/api/keys/%00"],
    ["DELETE", "/api/keys/%00"],
    ["GET", "/api/billing/sessions/cs_%00"],
  ] as const) {
    const res = await api.fetch(path, {
      method,
      headers: ORIGIN,
      data: method === "PUT" ? { messages: [] } : method === "PATCH" ? { title: "x" } : undefined,
    });
    expect(res.status(), `${method} ${path}`).toBe(404);
  }
  // Pages that look an id up from their URL: the NUL is dropped by a redirect.
  for (const path of ["/playground?c=%00", "/billing/success?session_id=cs_%00", "/billing/receipts/%00"]) {
    const res = await api.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(308);
    expect(res.headers().location, path).not.toContain("%00");
    const followed = await api.get(path);
    expect(followed.status(), path).toBeLessThan(500);
  }
  await api.dispose();
});

test("a key name, a registration and an Enterprise inquiry with NUL are saved without it", async ({
  request,
  account,
}) => {
  const api = await signedInContext(account.email, account.password);
  const key = await api.post("/api/keys", { headers: ORIGIN, data: { name: `ci${NUL}-key` } });
  expect(key.status()).toBe(201);
  expect((await key.json()).name).toBe("ci-key");
  await api.dispose();

  const email = uniqueEmail("nul");
  const password = `pw-${randomUUID()}`;
  const registered = await request.post(`${BASE_URL}/api/auth/register`, {
    headers: ORIGIN,
    data: { email: `${NUL}${email}`, password, name: `Ada${NUL} L.` },
  });
  expect(registered.status()).toBe(201);
  const user = await (await database()).user.findUniqueOrThrow({ where: { email } });
  expect(user.name).toBe("Ada L.");
  // And signing in with a NUL in the email finds the same account instead of failing.
  const signedIn = await signedInContext(`${email}${NUL}`, password);
  await signedIn.dispose();

  const inquiryEmail = `ada-${randomUUID().slice(0, 8)}@analytical.example`;
  const inquiry = await request.post(`${BASE_URL}/api/enterprise`, {
    headers: ORIGIN,
    data: {
      name: `Ada${NUL}`,
      email: inquiryEmail,
      company: `Engines${NUL} Ltd`,
      message: `We expect about two million requests a month.${NUL}`,
    },
  });
  expect(inquiry.status()).toBe(201);
  const [row] = await (await database()).enterpriseInquiry.findMany({ where: { email: inquiryEmail } });
  expect(row).toMatchObject({
    name: "Ada",
    company: "Engines Ltd",
    message: "We expect about two million requests a month.",
  });
});
