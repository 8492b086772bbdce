import { randomUUID } from "node:crypto";
import { BASE_URL, createAccount, creditState, expect, test } from "../fixtures";

// Inviting yourself through an alias of your own address pays nothing: the inviter's reward is
// for bringing someone else. Attacked over HTTP on the production server.

async function rewardsOf(inviterId: string) {
  const { db, ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
  return db().inviteReward.findMany({ where: { inviterId } });
}

const headers = { Origin: BASE_URL, "content-type": "application/json" };

const cases = [
  {
    name: "a +tag alias",
    inviter: (id: string) => `me-${id}@test.kimi.local`,
    invitee: (id: string) => `me-${id}+x@test.kimi.local`,
  },
  {
    name: "a +tag alias in capitals",
    inviter: (id: string) => `me-${id}@test.kimi.local`,
    invitee: (id: string) => `ME-${id.toUpperCase()}+Promo@TEST.kimi.local`,
  },
  {
    name: "a Gmail alias (dots, +tag, googlemail.com)",
    inviter: (id: string) => `first.last.${id}@gmail.com`,
    invitee: (id: string) => `firstlast${id}+kimi@googlemail.com`,
  },
];

for (const c of cases) {
  test(`a self-invite through ${c.name} pays the inviter nothing`, async ({ request }) => {
    const id = randomUUID().slice(0, 8);
    const inviter = await createAccount({ email: c.inviter(id) });
    const res = await request.post(`${BASE_URL}/api/auth/register`, {
      data: { email: c.invitee(id), password: `pw-${randomUUID()}`, inviteCode: inviter.inviteCode },
      headers,
    });
    expect(res.status()).toBe(201);
    expect((await creditState(inviter.id)).balance).toBe(100);
    expect(await rewardsOf(inviter.id)).toEqual([]);
  });
}

test("an invite to someone else still pays the inviter", async ({ request }) => {
  const id = randomUUID().slice(0, 8);
  const inviter = await createAccount({ email: `me-${id}@test.kimi.local` });
  const res = await request.post(`${BASE_URL}/api/auth/register`, {
    data: {
      email: `friend-${id}@test.kimi.local`,
      password: `pw-${randomUUID()}`,
      inviteCode: inviter.inviteCode,
    },
    headers,
  });
  expect(res.status()).toBe(201);
  expect((await creditState(inviter.id)).balance).toBe(150);
  expect(await rewardsOf(inviter.id)).toHaveLength(1);
});
