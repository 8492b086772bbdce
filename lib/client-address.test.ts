import { describe, expect, it } from "vitest";
import { normaliseAddress, parseTrustedProxies, resolveClientAddress } from "@/lib/client-address";

describe("parseTrustedProxies", () => {
  it.each([
    [undefined, "none"],
    ["", "none"],
    ["  ", "none"],
    ["0", "none"],
    ["1", "hops"],
    ["2", "hops"],
    ["10.0.0.1", "list"],
    ["10.0.0.0/8, 192.168.1.1", "list"],
    ["::1, fd00::/8", "list"],
    ["0.0.0.0/0", "list"],
  ])("%j is %s", (value, kind) => {
    expect(parseTrustedProxies(value).kind).toBe(kind);
  });

  it.each([
    "1.5",
    "-1",
    "65",
    "yes",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/",
    "10.0.0.0/8/1",
    "10.0.0.1,",
    "10.0.0.1,,10.0.0.2",
    "10.0.0.256",
    "10.0.0.1:80",
    "localhost",
  ])("refuses %j", (value) => {
    expect(() => parseTrustedProxies(value)).toThrow();
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:4711", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::1", "::1"],
    ["", null],
    [undefined, null],
    [null, null],
    ["unknown", null],
    ["203.0.113", null],
    ["203.0.113.7.8", null],
    ["<script>", null],
    ["203.0.113.7 198.51.100.1", null],
  ])("%j → %j", (value, expected) => {
    expect(normaliseAddress(value)).toBe(expected);
  });
});

describe("resolveClientAddress", () => {
  const none = parseTrustedProxies("");
  const oneHop = parseTrustedProxies("1");
  const twoHops = parseTrustedProxies("2");
  const lan = parseTrustedProxies("10.0.0.0/8, fd00::/8");

  it.each([
    // No proxy trusted: the socket, whatever the header says.
    ["no header", none, "198.51.100.9", undefined, "198.51.100.9"],
    ["spoofed header ignored", none, "198.51.100.9", "203.0.113.7", "198.51.100.9"],
    ["empty entries ignored", none, "198.51.100.9", ",", "198.51.100.9"],
    ["mapped socket", none, "::ffff:198.51.100.9", undefined, "198.51.100.9"],
    ["IPv6 socket", none, "2001:db8::9", "203.0.113.7", "2001:db8::9"],
    ["no socket address", none, undefined, "203.0.113.7", null],
    // A hop count: the entry that many hops from us.
    ["one hop", oneHop, "10.0.0.2", "203.0.113.7", "203.0.113.7"],
    ["one hop, spoofed left entries", oneHop, "10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.7", "203.0.113.7"],
    ["one hop, spaces", oneHop, "10.0.0.2", "  1.1.1.1 ,   203.0.113.7  ", "203.0.113.7"],
    ["one hop, array of headers", oneHop, "10.0.0.2", ["1.1.1.1", "203.0.113.7"], "203.0.113.7"],
    ["two hops", twoHops, "10.0.0.2", "1.1.1.1, 203.0.113.7, 10.0.0.3", "203.0.113.7"],
    ["one hop, too few entries", oneHop, "10.0.0.2", undefined, "10.0.0.2"],
    ["two hops, too few entries", twoHops, "10.0.0.2", "10.0.0.3", "10.0.0.3"],
    ["one hop, empty right-most entry", oneHop, "10.0.0.2", "203.0.113.7,", null],
    ["one hop, only a comma", oneHop, "10.0.0.2", ",", null],
    ["one hop, garbage", oneHop, "10.0.0.2", "1.1.1.1, not-an-ip", null],
    ["one hop, mapped entry", oneHop, "10.0.0.2", "::ffff:203.0.113.7", "203.0.113.7"],
    ["one hop, IPv6 entry with port", oneHop, "10.0.0.2", "[2001:db8::7]:5000", "2001:db8::7"],
    // A list: walk left while the address is ours.
    ["list: socket untrusted", lan, "198.51.100.9", "203.0.113.7", "198.51.100.9"],
    ["list: one proxy", lan, "10.0.0.2", "1.1.1.1, 203.0.113.7", "203.0.113.7"],
    ["list: proxy chain", lan, "10.0.0.2", "1.1.1.1, 203.0.113.7, 10.9.9.9, 10.0.0.3", "203.0.113.7"],
    ["list: mapped proxy socket", lan, "::ffff:10.0.0.2", "203.0.113.7", "203.0.113.7"],
    ["list: IPv6 proxy", lan, "fd00::2", "2001:db8::7", "2001:db8::7"],
    ["list: client spoofs a trusted address", lan, "10.0.0.2", "10.0.0.5, 203.0.113.7", "203.0.113.7"],
    ["list: every hop trusted", lan, "10.0.0.2", "10.0.0.9", "10.0.0.9"],
    ["list: garbage behind a proxy", lan, "10.0.0.2", "1.1.1.1, junk", null],
    ["list: empty entry behind a proxy", lan, "10.0.0.2", "203.0.113.7, ,", null],
  ] as const)("%s", (_name, trusted, socketAddress, forwardedFor, expected) => {
    expect(
      resolveClientAddress({
        socketAddress,
        forwardedFor: forwardedFor as string | string[] | undefined,
        trusted,
      }),
    ).toBe(expected);
  });
});
