import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";

vi.mock("server-only", () => ({}));

// Next's side of the client address: behind the gateway only the gateway's header counts, and
// only with this start's token; bare `next dev` reads X-Forwarded-For's right-most entry.

const TOKEN = "t".repeat(43);

function setToken(token: string | undefined) {
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret";
  if (token === undefined) delete process.env.KIMI_GATEWAY_TOKEN;
  else process.env.KIMI_GATEWAY_TOKEN = token;
  resetEnvForTests();
}

afterEach(() => setToken(undefined));

describe("clientIp behind the gateway", () => {
  it.each([
    [{ "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "203.0.113.7" }, "203.0.113.7"],
    [{ "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "::ffff:203.0.113.7" }, "203.0.113.7"],
    [{ "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "2001:db8::7" }, "2001:db8::7"],
    [{ "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "unknown" }, "unknown"],
    [{ "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "" }, "unknown"],
    [{ "x-kimi-gateway-token": TOKEN }, "unknown"],
    [{ "x-kimi-gateway-token": `${TOKEN}x`, "x-kimi-client-address": "203.0.113.7" }, "unknown"],
    [{ "x-kimi-gateway-token": "wrong", "x-kimi-client-address": "203.0.113.7" }, "unknown"],
    [{ "x-kimi-client-address": "203.0.113.7", "x-forwarded-for": "198.51.100.1" }, "unknown"],
    [
      { "x-kimi-gateway-token": TOKEN, "x-kimi-client-address": "203.0.113.7", "x-forwarded-for": "1.1.1.1" },
      "203.0.113.7",
    ],
  ])("%j → %s", (headers, expected) => {
    setToken(TOKEN);
    expect(clientIp(new Headers(headers))).toBe(expected);
  });
});

describe("clientIp without the gateway (next dev)", () => {
  it.each([
    [{ "x-forwarded-for": "198.51.100.1" }, "198.51.100.1"],
    [{ "x-forwarded-for": "1.1.1.1, 198.51.100.1" }, "198.51.100.1"],
    [{ "x-forwarded-for": "::ffff:127.0.0.1" }, "127.0.0.1"],
    [{ "x-forwarded-for": "," }, "unknown"],
    [{ "x-forwarded-for": "" }, "unknown"],
    [{ "x-kimi-client-address": "203.0.113.7" }, "unknown"],
    [{}, "unknown"],
  ])("%j → %s", (headers, expected) => {
    setToken(undefined);
    expect(clientIp(new Headers(headers))).toBe(expected);
  });
});
