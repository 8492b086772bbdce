import type { APIRequestContext } from "@playwright/test";
import { BASE_URL, createAccount, expect, test } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// Open redirect after sign-in: whatever `?next=` or `callbackUrl` says, the redirect a visitor
// gets must resolve to this site, as a browser resolves it (dot segments, encodings, stripped
// tabs and newlines included).

const ORIGIN = new URL(BASE_URL).origin;
// Next.js rewrites 127.0.0.1 to localhost in request URLs, so Auth.js names this site that way.
const AUTH_ORIGIN = ORIGIN.replace("//127.0.0.1:", "//localhost:");

const TRICKS = [
  "/.//evil.example/x",
  "/..//evil.example/x",
  "/%2e//evil.example/x",
  "/%2E%2E//evil.example/x",
  "/.%2e//evil.example/x",
  "/keys/..//evil.example/x",
  "//evil.example/x",
  "///evil.example/x",
  "/\\evil.example/x",
  "/\\/evil.example/x",
  "/%5Cevil.example/x",
  "/%2F%2Fevil.example/x",
  "/%252F%252Fevil.example/x",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/%09/evil.example/x",
  "/\uff0f/evil.example/x",
  "https://evil.example/x",
  "javascript:alert(document.cookie)",
];

/** Where a browser goes with this Location, relative to the page that answered it. */
function resolved(location: string | undefined, from: string): URL {
  expect(location, "a redirect has a Location").toBeTruthy();
  return new URL(location ?? "", `${BASE_URL}${from}`);
}

let session: APIRequestContext;

test.beforeAll(async () => {
  const account = await createAccount();
  session = await signedInContext(account.email, account.password);
});

test.afterAll(async () => {
  await session.dispose();
});

for (const page of ["/login", "/register"]) {
  test(`${page}?next=… sends a signed-in visitor only to pages of this site`, async () => {
    for (const trick of TRICKS) {
      const from = `${page}?${new URLSearchParams({ next: trick })}`;
      const res = await session.get(from, { maxRedirects: 0 });
      expect(res.status(), trick).toBe(307);
      const target = resolved(res.headers().location, from);
      expect(target.origin, `${trick} → ${res.headers().location}`).toBe(ORIGIN);
      expect(target.pathname.startsWith("//"), trick).toBe(false);
    }
  });
}

test("a plain local next= is still honoured", async () => {
  const res = await session.get("/login?next=%2Fkeys%3Ftab%3D1", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toBe("/keys?tab=1");
});

test("signing in with callbackUrl=<trick> redirects to this site", async ({ playwright, account }) => {
  for (const trick of TRICKS) {
    const context = await playwright.request.newContext({ baseURL: BASE_URL });
    try {
      const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await context.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: account.email, password: account.password, callbackUrl: trick },
        maxRedirects: 0,
      });
      expect(res.status(), trick).toBe(302);
      const target = resolved(res.headers().location, "/api/auth/callback/credentials");
      expect(target.origin, `${trick} → ${res.headers().location}`).toBe(AUTH_ORIGIN);
      expect(target.pathname.startsWith("//"), trick).toBe(false);
    } finally {
      await context.dispose();
    }
  }
});
