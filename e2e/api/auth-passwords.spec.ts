import { BASE_URL, expect, test, uniqueEmail } from "../fixtures";
import { signedInContext } from "./billing-helpers";

// The password policy at sign-up: at least 10 characters and none of the most common passwords
// (a shipped list, compared case-insensitively). Accounts made before it keep signing in.

async function register(password: string) {
  return fetch(`${BASE_URL}/api/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: BASE_URL },
    body: JSON.stringify({ email: uniqueEmail("policy"), password }),
  });
}

const refused: Array<[string, string, RegExp]> = [
  ["the most common 8-digit password", "12345678", /^Password must be at least 10 characters\.$/],
  ["a 9-character password", "k7#mQ2vLp", /^Password must be at least 10 characters\.$/],
  ["a common password", "password123", /most common/],
  ["a common password in other case", "PASSWORD123", /most common/],
  ["a common 10-digit password", "1234567890", /most common/],
];

for (const [name, password, message] of refused) {
  test(`registering with ${name} (${password}) → 400 with the reason`, async () => {
    const res = await register(password);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; param?: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.param).toBe("password");
    expect(body.error.message).toMatch(message);
  });
}

test("a long uncommon password is accepted", async () => {
  const res = await register("k7#mQ2vLpx");
  expect(res.status).toBe(201);
});

test("an account whose password predates the policy still signs in", async ({ account }) => {
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/data/users");
  await db().user.update({
    where: { id: account.id },
    data: { passwordHash: await hashPassword("12345678") },
  });
  const session = await signedInContext(account.email, "12345678");
  try {
    expect((await session.get("/api/me")).status()).toBe(200);
  } finally {
    await session.dispose();
  }
});
