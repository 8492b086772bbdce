import { describe, expect, it, vi } from "vitest";
import {
  clearSignInFailures,
  EMAIL_IP_FAILURES_PER_MINUTE,
  IP_FAILURES_PER_MINUTE,
  recordSignInFailure,
  signInRetryAfter,
} from "@/lib/sign-in-throttle";

// "server-only" refuses imports outside a React Server build; this is a plain Node test.
vi.mock("server-only", () => ({}));

const unique = () => `${Math.random().toString(36).slice(2)}@example.com`;
const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 255)).join(".")}`;

describe("sign-in throttle", () => {
  it("refuses an email from one address after its failures fill the minute, until cleared", async () => {
    const email = unique();
    const ip = randomIp();
    for (let i = 0; i < EMAIL_IP_FAILURES_PER_MINUTE - 1; i++) await recordSignInFailure({ email, ip });
    expect(await signInRetryAfter({ email, ip })).toBe(0);
    await recordSignInFailure({ email, ip });
    const wait = await signInRetryAfter({ email, ip });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    await clearSignInFailures({ email, ip });
    expect(await signInRetryAfter({ email, ip })).toBe(0);
  });

  it("an attacker's failures for an email do not lock out the owner on another address", async () => {
    const email = unique();
    const attacker = randomIp();
    for (let i = 0; i < EMAIL_IP_FAILURES_PER_MINUTE * 2; i++) {
      await recordSignInFailure({ email, ip: attacker });
    }
    expect(await signInRetryAfter({ email, ip: attacker })).toBeGreaterThan(0);
    expect(await signInRetryAfter({ email, ip: randomIp() })).toBe(0);
  });

  it("refuses an address after its failures across many emails fill the minute", async () => {
    const ip = randomIp();
    for (let i = 0; i < IP_FAILURES_PER_MINUTE; i++) await recordSignInFailure({ email: unique(), ip });
    expect(await signInRetryAfter({ email: unique(), ip })).toBeGreaterThan(0);
    expect(await signInRetryAfter({ email: unique(), ip: "10.255.255.255" })).toBe(0);
  });
});
