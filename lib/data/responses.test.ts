import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbTarget, dbTargets, openDbTarget, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const { targets, cleanup } = dbTargets("responses");
afterAll(cleanup);

const DAY = 86_400_000;

describe.each(targets)("stored responses on $name", (target) => {
  let dbMod: typeof import("@/lib/db");
  let store: typeof import("./responses");
  let owner: string;
  let other: string;

  beforeAll(async () => {
    dbMod = await openDbTarget(target, () => vi.resetModules());
    store = await import("./responses");
    const user = () =>
      dbMod.db().user.create({ data: { email: testEmail("resp"), inviteCode: randomUUID().slice(0, 12) } });
    owner = (await user()).id;
    other = (await user()).id;
  });
  afterAll(() => closeDbTarget(dbMod));

  const row = (id: string, userId: string) => ({
    id,
    userId,
    apiKeyId: null,
    model: "kimi-k2",
    previousResponseId: null,
    input: [{ type: "message", role: "user", content: "hi" }],
    history: [],
    response: { id, object: "response" },
  });

  it("keeps a response for its owner only, and deletes it once", async () => {
    const id = `resp_${randomUUID().replaceAll("-", "")}`;
    await store.saveResponse(row(id, owner));
    expect((await store.findResponse(owner, id))?.response).toStrictEqual({ id, object: "response" });
    expect(await store.findResponse(other, id)).toBeNull();
    expect(await store.deleteResponse(other, id)).toBe(false);
    expect(await store.deleteResponse(owner, id)).toBe(true);
    expect(await store.deleteResponse(owner, id)).toBe(false);
    expect(await store.findResponse(owner, id)).toBeNull();
  });

  it("is gone after the retention: unreadable, then deleted by the next save", async () => {
    const old = `resp_${randomUUID().replaceAll("-", "")}`;
    const created = new Date(Date.now() - (store.RESPONSE_RETENTION_DAYS * DAY + 1_000));
    await store.saveResponse(row(old, owner), created);
    const justBefore = new Date(created.getTime() + store.RESPONSE_RETENTION_DAYS * DAY - 1);
    expect(await store.findResponse(owner, old, justBefore)).not.toBeNull();
    expect(await store.findResponse(owner, old)).toBeNull();
    expect(await store.deleteResponse(owner, old)).toBe(false);
    await store.saveResponse(row(`resp_${randomUUID().replaceAll("-", "")}`, other));
    expect(await dbMod.db().storedResponse.count({ where: { id: old } })).toBe(0);
  });
});
