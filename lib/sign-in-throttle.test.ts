import { describe, expect, it, vi } from "vitest";
import {
  clearSignInFailures,
  clientIp,
  EMAIL_FAILURES_PER_MINUTE,
  IP_FAILURES_PER_MINUTE,
  recordSignInFailure,
  signInRetryAfter,
} from "@/lib/sign-in-throttle";

// "server-only" refuses imports outside a React Server build; this is a plain Node test.
vi.mock("server-only", () => ({}));

const unique = () => `${Math.random().toString(36).slice(2)}@example.com`;

describe("sign-in throttle", () => {
  it("refuses an email after its failures fill the minute, until cleared", async () => {
    const email = unique();
    for (let i = 0; i < EMAIL_FAILURES_PER_MINUTE - 1; i++) await recordSignInFailure({ email, ip: null });
    expect(await signInRetryAfter({ email, ip: null })).toBe(0);
    await recordSignInFailure({ email, ip: null });
    const wait = await signInRetryAfter({ email, ip: null });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    await clearSignInFailures({ email });
    expect(await signInRetryAfter({ email, ip: null })).toBe(0);
  });

  it("refuses an IP after its failures across many emails fill the minute", async () => {
    const ip = `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
    for (let i = 0; i < IP_FAILURES_PER_MINUTE; i++) await recordSignInFailure({ email: unique(), ip });
    expect(await signInRetryAfter({ email: unique(), ip })).toBeGreaterThan(0);
    expect(await signInRetryAfter({ email: unique(), ip: "10.255.255.255" })).toBe(0);
  });

  it.each([
    [{ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, "203.0.113.7"],
    [{ "x-real-ip": "198.51.100.2" }, "198.51.100.2"],
    [{}, null],
  ])("reads the client address from %j", (headers, expected) => {
    expect(clientIp(new Headers(headers))).toBe(expected);
  });
});
