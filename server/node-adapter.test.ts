import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, errorPayload } from "@/lib/errors";
import { type ApiRequest, type ApiResponse, type ApiRoute, apiJson } from "@/lib/http/api-key";
import { parseJsonBytes } from "@/lib/http/body";
import { serveApiRoute } from "./node-adapter";

// Over real HTTP: a Node server that serves a route through the adapter, and Node's own client
// (so chunked bodies, early responses and disconnects are the real thing).

type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

function route(handler: Handler): ApiRoute {
  const web = () => Promise.reject(new Error("not used over Node"));
  return Object.assign(web, { serve: async (req: ApiRequest) => handler(req) });
}

function asError(error: unknown): ApiResponse {
  const { status, body } = errorPayload(error as AppError, "openai");
  return apiJson(body, { status });
}

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: Handler): Promise<string> {
  server = http.createServer((req, res) => {
    void serveApiRoute(route(handler), req, res);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("serveApiRoute", () => {
  it("hands the route method, headers and body, and sends status, headers and body back", async () => {
    const url = await serve(async (req) => {
      const body = parseJsonBytes(await req.readBody(1024));
      return apiJson(
        {
          method: req.method,
          auth: req.header("authorization"),
          custom: req.header("x-many"),
          missing: req.header("x-missing") ?? null,
          body,
        },
        { status: 201, headers: { "X-Request-Id": "req_1" } },
      );
    });
    const res = await fetch(`${url}/api/v1/thing?x=1`, {
      method: "POST",
      headers: [
        ["Authorization", "Bearer sk-kimi-test"],
        ["X-Many", "one"],
        ["X-Many", "two"],
      ],
      body: JSON.stringify({ hello: "world" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({
      method: "POST",
      auth: "Bearer sk-kimi-test",
      custom: "one, two",
      missing: null,
      body: { hello: "world" },
    });
  });

  it("answers 413 to a chunked body over the limit while the client is still sending", async () => {
    const url = await serve(async (req) => {
      try {
        await req.readBody(10_000);
        return apiJson({ read: true });
      } catch (error) {
        return asError(error);
      }
    });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${url}/upload`, {
        method: "POST",
        headers: { "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      // Sent in pieces with no Content-Length; the server stops reading past 10,000 bytes.
      const piece = "x".repeat(4_096);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && req.write(piece)) sent++;
        if (sent < 64) req.once("drain", pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.message).toContain("10000 bytes");
  });

  it("a body already in hand when the route asks for it (the usual case) is read whole; a chunked one over the limit is a 413; the connection serves on", async () => {
    const url = await serve(async (req) => {
      // What the gateway's awaits (key lookup, rate limit) give Node: time to take in the body.
      await Promise.resolve();
      try {
        return apiJson(parseJsonBytes(await req.readBody(100)));
      } catch (error) {
        return asError(error);
      }
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string, chunked: boolean) =>
      new Promise<{ status: number; text: string; socket: unknown }>((resolve, reject) => {
        const headers = chunked
          ? { "transfer-encoding": "chunked" }
          : { "content-length": String(Buffer.byteLength(body)) };
        const req = http.request(`${url}/x`, { method: "POST", agent, headers });
        req.on("response", (res) => {
          let text = "";
          res.on("data", (c: Buffer) => {
            text += c.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text, socket: req.socket }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const ok = await send(JSON.stringify({ n: 1 }), false);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ n: 1 });
    const big = await send(`"${"x".repeat(200)}"`, true);
    expect(big.status).toBe(413);
    const after = await send(JSON.stringify({ n: 2 }), false);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual({ n: 2 });
    expect(after.socket).toBe(ok.socket);
    agent.destroy();
  });

  it("refuses a declared Content-Length over the limit before reading, and an empty body as invalid JSON", async () => {
    const url = await serve(async (req) => {
      try {
        return apiJson(parseJsonBytes(await req.readBody(100)));
      } catch (error) {
        return asError(error);
      }
    });
    const big = await fetch(`${url}/x`, { method: "POST", body: "x".repeat(101) });
    expect(big.status).toBe(413);
    const empty = await fetch(`${url}/x`, { method: "POST", body: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe("invalid_json");
    const malformed = await fetch(`${url}/x`, { method: "POST", body: "{nope" });
    expect((await malformed.json()).error.code).toBe("invalid_json");
  });

  it("a client that goes away mid-body: the read fails as a cut-off request, not a server error", async () => {
    const failure = deferred<unknown>();
    const url = await serve(async (req) => {
      try {
        return apiJson(await req.readBody(10_000));
      } catch (error) {
        failure.resolve(error);
        return asError(error);
      }
    });
    const req = http.request(`${url}/cut`, { method: "POST", headers: { "content-length": "5000" } });
    // Destroyed on purpose: the client's own request ends in a socket error, as it should.
    const clientSide = new Promise<Error>((resolve) => req.once("error", resolve));
    req.write("x".repeat(1_000), () => req.destroy());
    const error = await failure.promise;
    expect(await clientSide).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
  });

  it("streams an event stream chunk by chunk, before the handler has finished it", async () => {
    const second = deferred();
    const url = await serve(() => {
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode("data: one\n\n"));
          await second.promise;
          controller.enqueue(encoder.encode("data: two\n\n"));
          controller.close();
        },
      });
      return { status: 200, headers: { "Content-Type": "text/event-stream" }, body: stream };
    });
    const res = await fetch(`${url}/stream`, { method: "POST", body: "{}" });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe("data: one\n\n");
    second.resolve();
    let rest = "";
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      rest += decoder.decode(next.value);
    }
    expect(rest).toBe("data: two\n\n");
  });

  it("on a client that leaves mid-stream: aborts the request signal and cancels the response body", async () => {
    const aborted = deferred<string>();
    const cancelled = deferred();
    const url = await serve((req) => {
      req.signal.onAbort(() => aborted.resolve("aborted"));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: first\n\n"));
        },
        cancel() {
          cancelled.resolve();
        },
      });
      return { status: 200, headers: { "Content-Type": "text/event-stream" }, body: stream };
    });
    const controller = new AbortController();
    const res = await fetch(`${url}/stream`, { method: "POST", body: "{}", signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    expect(await aborted.promise).toBe("aborted");
    await cancelled.promise;
  });

  it("answers 500 with a JSON error, and no detail, when the route throws", async () => {
    const url = await serve(() => {
      throw new Error("internal detail: stack and state");
    });
    const res = await fetch(`${url}/boom`, { method: "POST", body: "{}" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("internal detail");
    expect(JSON.parse(text).error.code).toBe("internal_error");
  });

  it("answers a route with no body, and keeps an error's status", async () => {
    const url = await serve((req) =>
      req.method === "GET"
        ? asError(new AppError("not_found", "Nothing here."))
        : { status: 204, headers: {}, body: null },
    );
    const res = await fetch(`${url}/missing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe("Nothing here.");
    const empty = await fetch(`${url}/none`, { method: "POST", body: "{}" });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
  });
});
