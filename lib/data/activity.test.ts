import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActivityQuery } from "@/lib/activity/query";
import { closeDbTarget, dbTargets, openDbTarget, testEmail } from "@/test/db";

vi.mock("server-only", () => ({}));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The activity view's queries against a real database: only the user's own rows, each filter,
// keyset paging that new rows do not shift, the export's bound.

const { targets, cleanup } = dbTargets("activity");
afterAll(cleanup);

describe.each(targets)("activity on $name", (target) => {
  let dbMod: Awaited<ReturnType<typeof openDbTarget>>;
  let activity: typeof import("@/lib/data/activity");
  let keys: typeof import("@/lib/data/api-keys");
  let users: typeof import("@/lib/data/users");

  beforeAll(async () => {
    dbMod = await openDbTarget(target, vi.resetModules);
    [activity, keys, users] = await Promise.all([
      import("@/lib/data/activity"),
      import("@/lib/data/api-keys"),
      import("@/lib/data/users"),
    ]);
  });
  afterAll(() => closeDbTarget(dbMod));

  const T0 = Date.parse("2026-05-20T10:00:00Z");

  async function log(
    userId: string,
    at: number,
    fields: { apiKeyId?: string | null; model?: string; status?: number; errorCode?: string | null } = {},
  ) {
    const id = `req_${randomUUID().replaceAll("-", "")}`;
    const status = fields.status ?? 200;
    await dbMod.db().requestLog.create({
      data: {
        id,
        userId,
        apiKeyId: fields.apiKeyId ?? null,
        source: fields.apiKeyId ? "api" : "playground",
        endpoint: "openai",
        model: fields.model ?? "kimi-k2",
        status,
        stream: false,
        promptTokens: 10,
        completionTokens: status < 400 ? 20 : 0,
        latencyMs: 300,
        credits: status < 400 ? 1 : 0,
        errorCode: fields.errorCode ?? (status < 400 ? null : "upstream_error"),
        createdAt: new Date(at),
      },
    });
    return id;
  }

  async function setUp() {
    const user = await users.createUser({ email: testEmail(), password: "password-123" });
    const other = await users.createUser({ email: testEmail(), password: "password-123" });
    const key = await keys.createApiKey({ userId: user.id, name: "prod" });
    const otherKey = await keys.createApiKey({ userId: other.id, name: "theirs" });
    return { user, other, key, otherKey };
  }

  const query = (q: Partial<ActivityQuery> = {}): ActivityQuery => ({ filter: {}, limit: 50, ...q });

  it("lists only the user's own rows, newest first, with the key's name", async () => {
    const { user, other, key, otherKey } = await setUp();
    const a = await log(user.id, T0, { apiKeyId: key.id });
    const b = await log(user.id, T0 + 1000);
    await log(other.id, T0 + 2000, { apiKeyId: otherKey.id });
    const page = await activity.listActivity({ userId: user.id, query: query() });
    expect(page.rows.map((r) => r.id)).toEqual([b, a]);
    expect(page.rows[1]).toMatchObject({ keyName: "prod", apiKeyId: key.id, source: "api", credits: 1 });
    expect(page.rows[0]).toMatchObject({ keyName: null, source: "playground" });
    expect(page).toMatchObject({ older: null, newer: null });
  });

  it("filters by key, model, status and request; another user's key finds nothing", async () => {
    const { user, key, otherKey } = await setUp();
    const ok = await log(user.id, T0, { apiKeyId: key.id });
    const failed = await log(user.id, T0 + 1, { apiKeyId: key.id, status: 502 });
    const other = await log(user.id, T0 + 2, { model: "kimi-k2-thinking" });
    const streaming = await log(user.id, T0 + 3, { errorCode: "in_progress" });
    const interrupted = await log(user.id, T0 + 4, { errorCode: "interrupted" });
    const ids = async (filter: ActivityQuery["filter"]) =>
      (await activity.listActivity({ userId: user.id, query: query({ filter }) })).rows.map((r) => r.id);
    expect(await ids({ keyId: key.id })).toEqual([failed, ok]);
    expect(await ids({ model: "kimi-k2-thinking" })).toEqual([other]);
    expect(await ids({ status: "ok" })).toEqual([other, ok]);
    expect(await ids({ status: "failed" })).toEqual([interrupted, failed]);
    expect(await ids({})).toContain(streaming);
    expect(await ids({ keyId: key.id, status: "ok" })).toEqual([ok]);
    expect(await ids({ requestId: failed })).toEqual([failed]);
    expect(await ids({ keyId: otherKey.id })).toEqual([]);

    await expect(
      activity.assertOwnKeyFilter({ userId: user.id, filter: { keyId: otherKey.id } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(activity.assertOwnKeyFilter({ userId: user.id, filter: { keyId: key.id } })).resolves.toBe(
      undefined,
    );
  });

  it("pages by cursor, older and back newer, unshifted by rows arriving meanwhile", async () => {
    const { user } = await setUp();
    // Two rows share a millisecond: the id orders them.
    const made: Array<{ id: string; at: number }> = [];
    for (const at of [0, 1000, 2000, 2000, 3000, 4000, 5000])
      made.push({ id: await log(user.id, T0 + at), at });
    const newestFirst = made.sort((x, y) => y.at - x.at || (y.id > x.id ? 1 : -1)).map((r) => r.id);

    const first = await activity.listActivity({ userId: user.id, query: query({ limit: 3 }) });
    expect(first.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();

    await log(user.id, T0 + 9000); // a new call while the user reads
    const second = await activity.listActivity({
      userId: user.id,
      query: query({ limit: 3, after: first.older ?? undefined }),
    });
    expect(second.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));
    const third = await activity.listActivity({
      userId: user.id,
      query: query({ limit: 3, after: second.older ?? undefined }),
    });
    expect(third.rows.map((r) => r.id)).toEqual(newestFirst.slice(6));
    expect(third.older).toBeNull();

    const back = await activity.listActivity({
      userId: user.id,
      query: query({ limit: 3, before: third.newer ?? undefined }),
    });
    expect(back.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));
    expect(back.older).not.toBeNull();
    const top = await activity.listActivity({
      userId: user.id,
      query: query({ limit: 3, before: back.newer ?? undefined }),
    });
    // The page before the first one now holds the row that arrived meanwhile.
    expect(top.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
    expect(top.newer).not.toBeNull();
  });

  it("exports the filter in batches up to its bound, and offers the user's keys and models", async () => {
    const { user, key } = await setUp();
    for (let i = 0; i < 7; i++)
      await log(user.id, T0 + i, { apiKeyId: key.id, model: i % 2 ? "m-b" : "m-a" });
    const all: string[] = [];
    for await (const row of activity.eachActivityRow({ userId: user.id, filter: {}, max: 100, batch: 3 }))
      all.push(row.id);
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    const bounded: string[] = [];
    for await (const row of activity.eachActivityRow({
      userId: user.id,
      filter: { model: "m-a" },
      max: 3,
      batch: 2,
    }))
      bounded.push(row.model);
    expect(bounded).toEqual(["m-a", "m-a", "m-a"]);

    const facets = await activity.listActivityFacets({ userId: user.id });
    expect(facets.models).toEqual(["m-a", "m-b"]);
    expect(facets.keys.map((k) => k.name)).toEqual(["prod"]);
  });
});
