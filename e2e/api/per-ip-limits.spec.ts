import { randomUUID } from "node:crypto";
import { ENTERPRISE_INQUIRIES_PER_HOUR } from "@/lib/ip-limits";
import { EMAIL_IP_FAILURES_PER_MINUTE } from "@/lib/sign-in-throttle";
import { expect, test, uniqueEmail } from "../fixtures";
import {
  clientFrom,
  type OwnServer,
  ownPort,
  randomLoopback,
  randomTestAddress,
  startOwnServer,
} from "../own-server";

// The per-address limits, attacked over HTTP as an outsider would: the sign-up limit against a
// rotating X-Forwarded-For, the Enterprise form against a flood, the sign-in lockout against an
// attacker elsewhere. Each client's connections leave from an address of its own on the loopback.

const SIGNUP_LIMIT = 3;
const ENTERPRISE_LIMIT = ENTERPRISE_INQUIRIES_PER_HOUR;
const EMAIL_IP_FAILURES = EMAIL_IP_FAILURES_PER_MINUTE;

test.describe.configure({ mode: "serial", timeout: 120_000 });

async function usersWith(emails: string[]) {
  const { db, ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
  return db().user.count({ where: { email: { in: emails } } });
}

async function inquiriesFrom(emails: string[]) {
  const { db, ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
  return db().enterpriseInquiry.count({ where: { email: { in: emails } } });
}

const signup = (email: string) => ({ email, password: `pw-${randomUUID()}` });

test.describe("a server trusting no proxy (the default)", () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startOwnServer(ownPort(60), { SIGNUP_LIMIT_PER_HOUR: String(SIGNUP_LIMIT) });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("rotating X-Forwarded-For (empty entries too) does not get past the sign-up limit", async () => {
    const client = clientFrom(randomLoopback(), server.url);
    const forged = [
      randomTestAddress(),
      ",",
      "",
      ` , ${randomTestAddress()}`,
      randomTestAddress(),
      "unknown",
    ];
    const emails: string[] = [];
    const statuses: number[] = [];
    for (const xff of forged) {
      const email = uniqueEmail("rotate");
      emails.push(email);
      const res = await client.postJson("/api/auth/register", signup(email), { "x-forwarded-for": xff });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        expect(JSON.parse(res.text).error.message).toMatch(/^Too many sign-ups from this network/);
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(await usersWith(emails)).toBe(SIGNUP_LIMIT);
  });

  test("the Enterprise form takes a few inquiries per address, however the header is forged", async () => {
    const client = clientFrom(randomLoopback(), server.url);
    const inquiry = (i: number) => ({
      name: "Flood",
      email: uniqueEmail(`flood${i}`),
      message: `Inquiry number ${i} about a very large contract.`,
    });
    const sent = Array.from({ length: ENTERPRISE_LIMIT + 5 }, (_, i) => inquiry(i));
    // The same message sent twice stores nothing new, and is not counted.
    const first = await client.postJson("/api/enterprise", sent[0]);
    const again = await client.postJson("/api/enterprise", sent[0]);
    expect([first.status, again.status]).toEqual([201, 200]);
    const statuses: number[] = [];
    for (const [i, body] of sent.slice(1).entries()) {
      const res = await client.postJson("/api/enterprise", body, {
        "x-forwarded-for": i % 2 ? "," : randomTestAddress(),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        expect(JSON.parse(res.text).error).toMatchObject({
          code: "rate_limit_exceeded",
          message: expect.stringMatching(/^Too many messages from your network\. Try again in \d+ min\.$/),
        });
      }
    }
    expect(statuses).toEqual([...Array(ENTERPRISE_LIMIT - 1).fill(201), ...Array(5).fill(429)]);
    expect(await inquiriesFrom(sent.map((s) => s.email))).toBe(ENTERPRISE_LIMIT);
    // Another address is not affected.
    const other = clientFrom(randomLoopback(), server.url);
    expect((await other.postJson("/api/enterprise", inquiry(99))).status).toBe(201);
  });

  test("an attacker's wrong passwords from elsewhere do not lock the owner out", async ({
    account: owner,
  }) => {
    const attacker = clientFrom(randomLoopback(), server.url);
    const results: string[] = [];
    for (let i = 0; i < EMAIL_IP_FAILURES + 2; i++) {
      results.push(await attacker.signIn(owner.email, `wrong-${i}`));
    }
    expect(results).toEqual([
      ...Array(EMAIL_IP_FAILURES).fill("invalid_credentials"),
      "too_many_attempts",
      "too_many_attempts",
    ]);
    // The attacker's address stays locked for this email, even with the right password…
    expect(await attacker.signIn(owner.email, owner.password)).toBe("too_many_attempts");
    // …and the owner, on their own address, signs in.
    const ownerClient = clientFrom(randomLoopback(), server.url);
    expect(await ownerClient.signIn(owner.email, owner.password)).toBe("ok");
  });

  test("an OAuth sign-up refused by the limit is explained on /login", async () => {
    const client = clientFrom(randomLoopback(), server.url);
    const page = await client.get("/login?error=SignupLimit");
    expect(page.status).toBe(200);
    const alert = /<div role="alert"[^>]*>.*?<span>([^<]*)<\/span>/.exec(page.text)?.[1];
    expect(alert).toMatch(/^Too many accounts have been created from your network in the last hour\./);
  });
});

test.describe("a server behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)", () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startOwnServer(ownPort(61), {
      SIGNUP_LIMIT_PER_HOUR: String(SIGNUP_LIMIT),
      TRUSTED_PROXIES: "127.0.0.1",
    });
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("the right-most untrusted entry counts: spoofed left entries are ignored", async () => {
    // The "proxy" connects from 127.0.0.1 and appends the address it saw, as nginx does.
    const proxy = clientFrom("127.0.0.1", server.url);
    const behind = randomTestAddress();
    const statuses: number[] = [];
    for (let i = 0; i < SIGNUP_LIMIT + 2; i++) {
      const spoofed = i % 2 ? "," : `${randomTestAddress()}, ${randomTestAddress()}`;
      const res = await proxy.postJson("/api/auth/register", signup(uniqueEmail("behind")), {
        "x-forwarded-for": `${spoofed}, ${behind}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);

    // Another client behind the same proxy has a bucket of its own, even naming the first one.
    const neighbour = await proxy.postJson("/api/auth/register", signup(uniqueEmail("neighbour")), {
      "x-forwarded-for": `${behind}, ${randomTestAddress()}`,
    });
    expect(neighbour.status).toBe(201);

    // A client that bypasses the proxy is counted by its own address, whatever it claims.
    const direct = clientFrom(randomLoopback(), server.url);
    const claim = await direct.postJson("/api/auth/register", signup(uniqueEmail("direct")), {
      "x-forwarded-for": randomTestAddress(),
    });
    expect(claim.status).toBe(201);
  });
});
