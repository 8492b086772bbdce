import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseActivityQuery } from "@/lib/activity/query";
import { activitySearch } from "@/lib/activity/search";
import { AppError } from "@/lib/errors";

describe("activity query", () => {
  it("reads the filter from search parameters; empty values mean any", () => {
    const q = parseActivityQuery(new URLSearchParams("key=k1&model=kimi-k2&status=failed&request="));
    expect(q).toEqual({ filter: { keyId: "k1", model: "kimi-k2", status: "failed" }, limit: 50 });
    expect(parseActivityQuery({ status: "", key: ["k2", "k3"] })).toEqual({
      filter: { keyId: "k2" },
      limit: 50,
    });
  });

  it("round-trips a cursor, and a page position through the URL", () => {
    const cursor = { createdAt: new Date("2026-05-20T10:30:00.123Z"), id: "req_0190abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const search = activitySearch({ model: "kimi-k2" }, { after: encodeCursor(cursor) });
    expect(parseActivityQuery(new URLSearchParams(search.slice(1)))).toEqual({
      filter: { model: "kimi-k2" },
      after: cursor,
      limit: 50,
    });
  });

  it.each([
    ["status=maybe"],
    ["after=bm90LWEtY3Vyc29y"],
    ["before=%00"],
    ["key=a%20b"],
    ["limit=0"],
    ["limit=1000"],
  ])("refuses %s with invalid_request", (search) => {
    expect(() => parseActivityQuery(new URLSearchParams(search))).toThrow(AppError);
  });

  it("writes no search string for no filter, and keeps an after position over a before", () => {
    expect(activitySearch({})).toBe("");
    expect(activitySearch({ status: "ok" }, { after: "a", before: "b" })).toBe("?status=ok&after=a");
  });
});
