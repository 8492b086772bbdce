import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawConnection } from "@/test/support/raw-connection";
import { nextProxy } from "./next-proxy";

// The proxy to Next.js over real HTTP: a plain Node server stands in for Next.

const servers: Array<http.Server | net.Server> = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    if (s instanceof http.Server) s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function listen<S extends http.Server | net.Server>(server: S): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function proxyTo(target: string, options?: Partial<Parameters<typeof nextProxy>[1]>): Promise<number> {
  const proxy = nextProxy(target, { headersTimeoutMs: 60_000, ...options });
  return listen(http.createServer((req, res) => proxy.web(req, res)));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("nextProxy", () => {
  it("passes requests and answers through, with the client's address forwarded", async () => {
    const next = await listen(
      http.createServer((req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => {
          body += c.toString();
        });
        req.on("end", () => {
          res.writeHead(201, { "content-type": "application/json", "x-from": "next" });
          res.end(JSON.stringify({ path: req.url, body, forwarded: req.headers["x-forwarded-for"] ?? null }));
        });
      }),
    );
    const port = await proxyTo(`http://127.0.0.1:${next}`);
    const res = await fetch(`http://127.0.0.1:${port}/dashboard?x=1`, { method: "POST", body: "hello" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-from")).toBe("next");
    expect(await res.json()).toEqual({ path: "/dashboard?x=1", body: "hello", forwarded: "127.0.0.1" });
  });

  it("when Next cannot be reached: a JSON 502 on /api paths, a plain one on pages", async () => {
    const port = await proxyTo(`http://127.0.0.1:${await closedPort()}`);
    const api = await fetch(`http://127.0.0.1:${port}/api/keys`);
    expect(api.status).toBe(502);
    expect(api.headers.get("content-type")).toBe("application/json");
    const body = await api.json();
    expect(body.error.code).toBe("upstream_error");
    expect(body.error.message).toMatch(/application server/);
    const page = await fetch(`http://127.0.0.1:${port}/pricing`);
    expect(page.status).toBe(502);
    expect(await page.text()).toBe("Bad gateway");
  });

  it("a Next that never begins its answer: a 504 (JSON on /api paths), its request to Next dropped; a slow stream is not cut", async () => {
    const hung: http.IncomingMessage[] = [];
    const next = await listen(
      http.createServer((req, res) => {
        if (req.url === "/api/stream") {
          // Headers at once, then the last event only after more than twice the timeout.
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write("data: first\n\n");
          setTimeout(() => res.end("data: last\n\n"), 800);
          return;
        }
        hung.push(req);
      }),
    );
    const port = await proxyTo(`http://127.0.0.1:${next}`, { headersTimeoutMs: 300 });

    const api = await fetch(`http://127.0.0.1:${port}/api/keys`);
    expect(api.status).toBe(504);
    expect(api.headers.get("content-type")).toBe("application/json");
    const body = await api.json();
    expect(body.error.code).toBe("upstream_timeout");
    expect(body.error.message).toMatch(/did not answer in time/);
    const page = await fetch(`http://127.0.0.1:${port}/pricing`);
    expect(page.status).toBe(504);
    expect(await page.text()).toBe("Gateway timeout");
    // Next's side of the hung requests is closed, not left open.
    expect(hung).toHaveLength(2);
    await Promise.all(
      hung.map((req) =>
        req.socket.destroyed ? undefined : new Promise((resolve) => req.socket.once("close", resolve)),
      ),
    );
    expect(hung.every((req) => req.socket.destroyed)).toBe(true);

    const stream = await fetch(`http://127.0.0.1:${port}/api/stream`);
    expect(stream.status).toBe(200);
    expect(await stream.text()).toBe("data: first\n\ndata: last\n\n");
  });

  it("a big body Next answers before reading it: the answer arrives, and the same connection serves the next request", async () => {
    // Next's way with an event over its size limit: answer on Content-Length, read nothing.
    const next = await listen(
      http.createServer((req, res) => {
        const big = Number(req.headers["content-length"]) > 1_000;
        res.writeHead(big ? 413 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ big }));
      }),
    );
    const port = await proxyTo(`http://127.0.0.1:${next}`);
    const body = "x".repeat(600 * 1024);
    for (let round = 1; round <= 15; round++) {
      const socket = await rawConnection(port, "127.0.0.1", `round ${round}`);
      socket.write(`POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body);
      expect(await socket.response(), `round ${round}`).toMatch(/^HTTP\/1\.1 413 /);
      socket.write("POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
      expect(await socket.response(), `round ${round}`).toMatch(/^HTTP\/1\.1 200 /);
      socket.destroy();
    }
  });
});
