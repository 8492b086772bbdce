import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { nextProxy } from "./next-proxy";

// What Next.js is told about the client, over real HTTP: a plain Node server stands in for Next
// and echoes the headers the gateway's proxy sent it.

const TOKEN = "gateway-token-gateway-token-gateway-token";
let next: http.Server;
let gateway: http.Server;
let port = 0;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  next = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(req.headers));
  });
  const nextPort = await listen(next);
  const proxy = nextProxy(`http://127.0.0.1:${nextPort}`, { headersTimeoutMs: 60_000, gatewayToken: TOKEN });
  gateway = http.createServer((req, res) => proxy.web(req, res));
  port = await listen(gateway);
});

afterAll(async () => {
  for (const server of [gateway, next]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function setTrustedProxies(value: string) {
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret";
  process.env.TRUSTED_PROXIES = value;
  resetEnvForTests();
}

afterEach(() => setTrustedProxies(""));

/** What Next saw for a request from `localAddress` carrying `headers`. */
function seenByNext(headers: Record<string, string>, localAddress = "127.0.0.1") {
  return new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/login", headers, localAddress }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

const forged = {
  "x-forwarded-for": "1.2.3.4, ,",
  "x-kimi-client-address": "9.9.9.9",
  "x-kimi-gateway-token": "forged",
};

describe("client headers towards Next", () => {
  it.each([
    ["no proxy trusted: the socket, forged headers replaced", "", "127.0.0.3", forged, "127.0.0.3"],
    ["no proxy trusted, no headers", "", "127.0.0.4", {}, "127.0.0.4"],
    [
      "one hop: the right-most entry",
      "1",
      "127.0.0.5",
      { "x-forwarded-for": "1.1.1.1, 203.0.113.7" },
      "203.0.113.7",
    ],
    ["one hop, an empty entry: the shared bucket", "1", "127.0.0.5", forged, "unknown"],
    [
      "a trusted list: past our proxies",
      "127.0.0.0/8",
      "127.0.0.6",
      { "x-forwarded-for": "1.1.1.1, 203.0.113.7, 127.0.0.9" },
      "203.0.113.7",
    ],
    [
      "a list the socket is not on",
      "10.0.0.0/8",
      "127.0.0.7",
      { "x-forwarded-for": "203.0.113.7" },
      "127.0.0.7",
    ],
  ])("%s", async (_name, trusted, localAddress, headers, expected) => {
    setTrustedProxies(trusted);
    const seen = await seenByNext(headers, localAddress);
    expect(seen["x-kimi-client-address"]).toBe(expected);
    expect(seen["x-forwarded-for"]).toBe(expected);
    expect(seen["x-kimi-gateway-token"]).toBe(TOKEN);
  });
});
