import { once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { API_LIMIT, DIRECT_PATH, type Harness, startHarness } from "@/test/support/gateway-harness";
import { rawConnection } from "@/test/support/raw-connection";
import { chunkedUpload, untilClosed } from "@/test/support/test-uploads";

// The gateway's time limit on what a client sends, over real HTTP: the production server's pieces
// in front of a plain Node server standing in for Next.js (test/support/gateway-harness.ts).

const TIMEOUT = 500;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(streamMs = 0): Promise<Harness> {
  harness = await startHarness({ bodyTimeoutMs: TIMEOUT, streamMs });
  return harness;
}

/** Sends `head`, then `drip` every 50 ms; what came back, and how long until the server closed. */
async function trickle(port: number, head: string, drip: string) {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  const closed = untilClosed(socket);
  const started = Date.now();
  socket.write(head);
  const timer = setInterval(() => socket.writable && socket.write(drip), 50);
  const { text, at } = await closed;
  clearInterval(timer);
  return { text, ms: at - started };
}

/** A raw answer's status line, Content-Type and body. */
function parse(text: string) {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  return {
    status: head.split("\r\n")[0],
    type: /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1],
    connection: /\r\nconnection: ([^\r]*)/i.exec(head)?.[1],
    requestId: /\r\nx-request-id: ([^\r]*)/i.exec(head)?.[1],
    body,
  };
}

const timeoutJson = JSON.stringify({
  error: { code: "request_timeout", message: "The request did not arrive whole in time." },
});

describe("a request that does not arrive whole in time", () => {
  it.each([
    ["proxied to Next, declared length", "POST /api/auth/callback/credentials", "Content-Length: 1000", "x"],
    ["proxied to Next, chunked", "POST /api/conversations", "Transfer-Encoding: chunked", "1\r\nx\r\n"],
    ["served by the gateway itself", `POST ${DIRECT_PATH}`, "Content-Length: 1000", "x"],
  ])(
    "a body that trickles in (%s): a JSON 408 once the timeout passes, then the connection is closed",
    async (_name, line, framing, drip) => {
      const { port, next } = await start();
      const { text, ms } = await trickle(port, `${line} HTTP/1.1\r\nHost: x\r\n${framing}\r\n\r\n`, drip);
      expect(parse(text)).toEqual({
        status: "HTTP/1.1 408 Request Timeout",
        type: "application/json",
        connection: "close",
        requestId: expect.stringMatching(/^req_/),
        body: timeoutJson,
      });
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 50);
      expect(ms).toBeLessThan(TIMEOUT + 1_000);
      for (const request of next) expect(await request.complete).toBe(false);
    },
  );

  it("a page's body that trickles in: a plain 408", async () => {
    const { port } = await start();
    const { text } = await trickle(
      port,
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n",
      "x",
    );
    expect(parse(text)).toEqual({
      status: "HTTP/1.1 408 Request Timeout",
      type: "text/plain; charset=utf-8",
      connection: "close",
      requestId: undefined,
      body: "Request timeout",
    });
  });

  it("headers that trickle in (slowloris): a 408 and the connection closed once the timeout passes", async () => {
    const { port, next } = await start();
    const { text, ms } = await trickle(port, "GET / HTTP/1.1\r\nHost: x\r\n", "X-Slow: y\r\n");
    expect(parse(text).status).toBe("HTTP/1.1 408 Request Timeout");
    expect(ms).toBeLessThan(TIMEOUT + 1_000);
    expect(next).toHaveLength(0);
  });

  it.each([
    ["refused by the gateway", "/login", 100_000_000, "413"],
    ["answered early by Next", "/api/conversations?early", 4_000_000, "403"],
  ])(
    "a client that goes on sending a body %s is cut off at the timeout too, with no second answer",
    async (_name, path, length, status) => {
      const { port } = await start();
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`;
      const { text, ms } = await trickle(port, head, "x".repeat(1024));
      expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 50);
      expect(ms).toBeLessThan(TIMEOUT + 1_000);
    },
  );
});

describe("what the timeout leaves alone", () => {
  it("a body that arrives in time, the API's limit in full, chunked", async () => {
    const { port } = await start();
    const upload = chunkedUpload(port, DIRECT_PATH);
    await upload.write(API_LIMIT);
    upload.end();
    expect(await upload.response).toMatchObject({ status: 200, body: JSON.stringify({ bytes: API_LIMIT }) });
  });

  it("a reply that streams for longer than the timeout, its request read", async () => {
    const { port } = await start(3 * TIMEOUT);
    const res = await fetch(`http://127.0.0.1:${port}/api/stream`);
    expect(await res.text()).toBe("data: first\n\ndata: last\n\n");
  });

  it("a kept-alive connection idle for longer than the timeout, and each request on it timed afresh", async () => {
    const { port } = await start();
    const socket = await rawConnection(port, "127.0.0.1", "kept alive");
    const post = "POST /api/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    socket.write(post);
    expect(await socket.response()).toMatch(/^HTTP\/1\.1 200 /);
    // Time passing is the point here: twice the timeout idle, then a request whose body takes
    // most of the timeout — the connection is older than the timeout, the request is not.
    await new Promise((resolve) => setTimeout(resolve, 2 * TIMEOUT));
    socket.write(post.slice(0, -2));
    await new Promise((resolve) => setTimeout(resolve, 0.6 * TIMEOUT));
    socket.write("{}");
    expect(await socket.response()).toMatch(/^HTTP\/1\.1 200 /);
    socket.destroy();
  });
});

describe("other client errors", () => {
  it.each([
    ["a malformed request", "NOT HTTP\r\n\r\n", "HTTP/1.1 400 Bad Request"],
    [
      "headers over Node's limit",
      `GET / HTTP/1.1\r\nX-Big: ${"y".repeat(20_000)}\r\n\r\n`,
      "HTTP/1.1 431 Request Header Fields Too Large",
    ],
  ])("%s: Node's own answer, then the connection is closed", async (_name, request, status) => {
    const { port } = await start();
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    const closed = untilClosed(socket);
    socket.write(request);
    expect(parse((await closed).text)).toEqual({
      status,
      type: undefined,
      connection: "close",
      requestId: undefined,
      body: "",
    });
  });
});
