import { afterEach, describe, expect, it } from "vitest";
import { SESSION_BODY_LIMIT, STRIPE_EVENT_LIMIT } from "@/lib/http/body-limits";
import { CONVERSATION_BODY_LIMIT } from "@/lib/playground/conversation";
import { API_LIMIT, type Harness, startHarness } from "@/test/support/gateway-harness";
import { rawConnection } from "@/test/support/raw-connection";
import { chunkedUpload } from "@/test/support/test-uploads";

// The gateway's limits on bodies it passes on to Next.js, over real HTTP: the production server's
// pieces in front of a plain Node server standing in for Next (test/support/gateway-harness.ts).

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Harness> {
  harness = await startHarness({ bodyTimeoutMs: 10_000 });
  return harness;
}

const tooLarge = (limit: number) => ({
  error: { code: "body_too_large", message: `The request body exceeds ${limit} bytes.` },
});

describe("bodies on their way to Next", () => {
  it("a declared length over the route's limit: a 413 before a byte reaches Next, JSON on /api paths, plain on pages", async () => {
    const { port, next } = await start();
    const body = Buffer.alloc(SESSION_BODY_LIMIT + 1, "x");
    const api = await fetch(`http://127.0.0.1:${port}/api/auth/callback/credentials`, {
      method: "POST",
      body,
    });
    expect(api.status).toBe(413);
    expect(api.headers.get("content-type")).toBe("application/json");
    expect(api.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await api.json()).toEqual(tooLarge(SESSION_BODY_LIMIT));
    const page = await fetch(`http://127.0.0.1:${port}/login`, { method: "POST", body });
    expect(page.status).toBe(413);
    expect(page.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(page.headers.get("x-request-id")).toBeNull();
    expect(await page.text()).toBe("Payload too large");
    expect(next).toHaveLength(0);
  });

  it("a chunked body past the limit: a 413 as soon as the count passes it; Next gets at most the limit, and its request is aborted", async () => {
    const { port, arrival } = await start();
    const upload = chunkedUpload(port, "/api/auth/callback/credentials");
    await upload.write(16 * 1024);
    const seen = await arrival(0);
    const total = 100 * 1024 * 1024;
    await upload.write(total);
    const answer = await upload.response;
    expect(answer.status).toBe(413);
    expect(answer.type).toBe("application/json");
    expect(answer.requestId).toMatch(/^req_/);
    expect(JSON.parse(answer.body)).toEqual(tooLarge(SESSION_BODY_LIMIT));
    expect(upload.sent).toBeLessThan(total / 10);
    expect(await seen.complete).toBe(false);
    expect(seen.bytes).toBeLessThanOrEqual(SESSION_BODY_LIMIT);
  });

  it("Expect: 100-continue changes nothing: the chunked body is cut at the limit, its request to Next aborted", async () => {
    const { port, arrival } = await start();
    const upload = chunkedUpload(port, "/api/webhooks/stripe", { expect: "100-continue" });
    await upload.write(16 * 1024);
    const seen = await arrival(0);
    await upload.write(10 * 1024 * 1024);
    expect((await upload.response).status).toBe(413);
    expect(await seen.complete).toBe(false);
    expect(seen.bytes).toBeLessThanOrEqual(STRIPE_EVENT_LIMIT);
  });

  it.each([
    ["/login", SESSION_BODY_LIMIT],
    ["/api/auth/callback/credentials", SESSION_BODY_LIMIT],
    ["/api/keys", SESSION_BODY_LIMIT],
    ["/api/webhooks/stripe", STRIPE_EVENT_LIMIT],
    ["/api/conversations/c1/messages?x=1", CONVERSATION_BODY_LIMIT],
    ["/api/playground/chat", API_LIMIT],
    ["/api/v1/unknown", API_LIMIT],
  ])(
    "%s: a body of its limit (%i bytes), chunked or declared, reaches Next whole; a byte more is a 413",
    async (path, limit) => {
      const { port, next } = await start();
      const whole = chunkedUpload(port, path);
      await whole.write(limit);
      whole.end();
      expect(await whole.response).toMatchObject({ status: 200, body: JSON.stringify({ bytes: limit }) });
      const over = chunkedUpload(port, path);
      await over.write(limit + 1);
      over.end();
      expect((await over.response).status).toBe(413);

      const url = `http://127.0.0.1:${port}${path}`;
      const declared = await fetch(url, { method: "POST", body: Buffer.alloc(limit, "x") });
      expect(await declared.json()).toEqual({ bytes: limit });
      const declaredOver = await fetch(url, { method: "POST", body: Buffer.alloc(limit + 1, "x") });
      expect(declaredOver.status).toBe(413);
      expect(next.map((r) => r.bytes)).toEqual([limit, expect.any(Number), limit]);
      expect(next[1]?.bytes).toBeLessThanOrEqual(limit);
    },
  );

  it("after a 413, declared or chunked, the same connection serves the client's next request", async () => {
    const { port } = await start();
    const big = "x".repeat(SESSION_BODY_LIMIT + 10_000);
    const requests = {
      declared: `POST /api/enterprise HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n${big}`,
      chunked:
        "POST /api/enterprise HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
        `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`,
    };
    for (const [name, request] of Object.entries(requests)) {
      for (let round = 1; round <= 5; round++) {
        const socket = await rawConnection(port, "127.0.0.1", `${name}, round ${round}`);
        socket.write(request);
        expect(await socket.response(), `${name}, round ${round}`).toMatch(/^HTTP\/1\.1 413 /);
        socket.write("POST /api/enterprise HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        const next = await socket.response();
        expect(next, `${name}, round ${round}`).toMatch(/^HTTP\/1\.1 200 /);
        expect(next).toContain('{"bytes":2}');
        socket.destroy();
      }
    }
  });

  it("a chunked body within the limit that Next answers before reading it: the connection serves the next request", async () => {
    const { port } = await start();
    // Big enough not to fit in the buffers on the way, and within its route's limit.
    const body = "x".repeat(CONVERSATION_BODY_LIMIT - 1_000);
    for (let round = 1; round <= 10; round++) {
      const socket = await rawConnection(port, "127.0.0.1", `round ${round}`);
      // Most of the body goes out once the answer is in, so that it is still to come when Next
      // has answered (a first chunk gets the request to Next: its headers go with it).
      socket.write(
        "POST /api/conversations?early HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n",
      );
      expect(await socket.response(), `round ${round}`).toMatch(/^HTTP\/1\.1 403 /);
      socket.write(`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      socket.write("POST /api/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
      expect(await socket.response(), `round ${round}`).toMatch(/^HTTP\/1\.1 200 /);
      socket.destroy();
    }
  });
});
