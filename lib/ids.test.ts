import { describe, expect, it } from "vitest";
import { newRequestId, timeOrderedId } from "@/lib/ids";

describe("ids", () => {
  it("are 32 hex digits, request ids prefixed req_", () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestId()).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it("sort in the order they were made, and never repeat", () => {
    const ids = Array.from({ length: 5_000 }, timeOrderedId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
