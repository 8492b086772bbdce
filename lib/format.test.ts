import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatRelative } from "@/lib/format";

const now = new Date("2026-03-10T12:00:00Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("formatRelative", () => {
  it.each([
    [0, "just now"],
    [-30, "just now"],
    [-50, "1 minute ago"],
    [-5 * 60, "5 minutes ago"],
    [-3 * 3600, "3 hours ago"],
    [-26 * 3600, "yesterday"],
    [3 * 24 * 3600, "in 3 days"],
    [-8 * 24 * 3600, "last week"],
    [-45 * 24 * 3600, "last month"],
    [400 * 24 * 3600, "next year"],
  ])("%i s from now reads %s", (offset, expected) => {
    expect(formatRelative(at(offset), now)).toBe(expected);
  });
});

describe("formatDate / formatNumber", () => {
  it("formats dates and grouped numbers in one fixed locale", () => {
    expect(formatDate("2026-03-10T12:00:00Z")).toBe("Mar 10, 2026");
    expect(formatNumber(1234567)).toBe("1,234,567");
  });
});

describe("formatDate / formatDateTime", () => {
  it("read the UTC calendar, whatever the machine's time zone", () => {
    expect(formatDate("2026-03-10T23:30:00Z")).toBe("Mar 10, 2026");
    expect(formatDateTime("2026-03-10T23:30:00Z")).toBe("Mar 10, 2026, 23:30 UTC");
  });
});
