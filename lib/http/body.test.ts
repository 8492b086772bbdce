import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_JSON_DEPTH } from "@/lib/json-depth";
import { parseJsonBytes, readJsonBody } from "./body";

const LIMIT = 1_024;
const encoder = new TextEncoder();

/** A request whose body arrives in `parts`, with no Content-Length (like a chunked upload). */
function chunked(parts: string[], onPull?: () => void): Request {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const part = parts[i++];
      if (part === undefined) controller.close();
      else controller.enqueue(encoder.encode(part));
    },
  });
  return new Request("http://test/", { method: "POST", body, duplex: "half" } as RequestInit);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readJsonBody", () => {
  it("parses JSON whatever the Content-Type", async () => {
    const req = new Request("http://test/", {
      method: "POST",
      body: '{"a":[1,"é"]}',
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await readJsonBody(req, LIMIT)).toEqual({ a: [1, "é"] });
  });

  it("parses a body that arrives in pieces, split inside a multi-byte character", async () => {
    const bytes = encoder.encode('{"text":"日本"}');
    const parts = [bytes.slice(0, 10), bytes.slice(10)];
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts[i++];
        if (part) controller.enqueue(part);
        else controller.close();
      },
    });
    const req = new Request("http://test/", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readJsonBody(req, LIMIT)).toEqual({ text: "日本" });
  });

  it("accepts a body of exactly the limit", async () => {
    const text = `"${"x".repeat(LIMIT - 2)}"`;
    expect(
      await readJsonBody(new Request("http://test/", { method: "POST", body: text }), LIMIT),
    ).toHaveLength(LIMIT - 2);
  });

  it.each<[string, () => Request, string, number]>([
    [
      "a declared Content-Length over the limit",
      () => new Request("http://test/", { method: "POST", body: "x".repeat(LIMIT + 1) }),
      "body_too_large",
      413,
    ],
    ["a chunked body over the limit", () => chunked(["[", "1,".repeat(LIMIT), "1]"]), "body_too_large", 413],
    [
      "malformed JSON",
      () => new Request("http://test/", { method: "POST", body: "{model:" }),
      "invalid_json",
      400,
    ],
    [
      "a truncated JSON document",
      () => new Request("http://test/", { method: "POST", body: '{"model":"kimi-k2"' }),
      "invalid_json",
      400,
    ],
    ["no body", () => new Request("http://test/", { method: "POST" }), "invalid_json", 400],
    ["an empty body", () => new Request("http://test/", { method: "POST", body: "" }), "invalid_json", 400],
    [
      "a whitespace body",
      () => new Request("http://test/", { method: "POST", body: " \n\t " }),
      "invalid_json",
      400,
    ],
  ])("%s → %s (%d)", async (_label, make, code, status) => {
    const error = await failure(readJsonBody(make(), LIMIT));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    let pulls = 0;
    const parts = Array.from({ length: 100 }, () => "x".repeat(512));
    const error = await failure(
      readJsonBody(
        chunked(parts, () => pulls++),
        LIMIT,
      ),
    );
    expect(error.code).toBe("body_too_large");
    expect(pulls).toBeLessThan(6);
  });
});

describe("parseJsonBytes nesting", () => {
  const nested = (depth: number) =>
    encoder.encode(`{"tools":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`);

  it("parses a body nested exactly MAX_JSON_DEPTH levels deep", () => {
    expect(parseJsonBytes(nested(MAX_JSON_DEPTH))).toHaveProperty("tools");
  });

  it.each([MAX_JSON_DEPTH + 1, 100_000])(
    "refuses a body nested %d levels deep as invalid_request, naming the limit",
    (depth) => {
      let error: unknown;
      try {
        parseJsonBytes(nested(depth));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid_request");
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).message).toContain(`${MAX_JSON_DEPTH} levels`);
    },
  );
});
