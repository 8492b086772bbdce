import { describe, expect, it } from "vitest";
import { chatCompletions as chat } from "./chat-completions";
import { countTokens } from "./count-tokens";
import { creditsWithApiKey as getCreditsWithApiKey } from "./credits";
import { messages } from "./messages";
import { listModels } from "./models";
import { deleteStoredResponse, getResponse, listInputItems, responses } from "./responses";
import { directRoute, serveFromTable } from "./routes";

const key = { authorization: "Bearer sk-kimi-x" };

describe("directRoute", () => {
  it.each([
    ["POST", "/api/v1/chat/completions", {}, chat],
    ["POST", "/api/v1/chat/completions?stream=1", {}, chat],
    ["POST", "/api/v1/messages", {}, messages],
    ["POST", "/api/v1/v1/messages", {}, messages],
    ["POST", "/api/v1/messages/count_tokens", {}, countTokens],
    ["POST", "/api/v1/v1/messages/count_tokens", {}, countTokens],
    ["GET", "/api/v1/models", key, listModels],
    ["GET", "/api/user/credits", key, getCreditsWithApiKey],
    ["GET", "/api/user/credits", { "x-api-key": "sk-kimi-x" }, getCreditsWithApiKey],
    ["POST", "/api/v1/responses", {}, responses],
    ["GET", "/api/v1/responses/resp_1", {}, getResponse],
    ["DELETE", "/api/v1/responses/resp_1", {}, deleteStoredResponse],
    ["GET", "/api/v1/responses/resp_1/input_items?limit=2", {}, listInputItems],
  ])("serves %s %s itself", (method, url, headers, expected) => {
    expect(directRoute({ method, url, headers })).toBe(expected);
  });

  it.each([
    // The session path of /api/user/credits needs Next (cookies, Auth.js).
    ["GET", "/api/user/credits", {}],
    // Preflights, and methods a route does not serve, get Next's answers as before.
    ["OPTIONS", "/api/v1/chat/completions", {}],
    ["GET", "/api/v1/chat/completions", {}],
    ["DELETE", "/api/v1/chat/completions", {}],
    ["HEAD", "/api/v1/models", {}],
    ["POST", "/api/v1/models", {}],
    // Pages, dashboard routes, unknown API paths, near misses.
    ["GET", "/", {}],
    ["POST", "/api/playground/chat", {}],
    ["POST", "/api/v1/unknown", {}],
    ["POST", "/api/v1/chat/completions/", {}],
    ["POST", "/api/v1/responses/resp_1", {}],
    ["GET", "/api/v1/responses/", {}],
    ["GET", "/api/v1/responses/a/b/input_items", {}],
    ["DELETE", "/api/v1/responses/resp_1/input_items", {}],
    ["POST", "/API/V1/CHAT/COMPLETIONS", {}],
    [undefined, "/api/v1/models", {}],
    ["GET", undefined, {}],
  ])("leaves %s %s to Next", (method, url, headers) => {
    expect(directRoute({ method, url, headers })).toBeUndefined();
  });
});

describe("serveFromTable (Next's catch-all)", () => {
  const at = (method: string, path: string) => new Request(`http://localhost${path}`, { method });

  it("answers an unknown path with an OpenAI-shaped 404 and CORS headers", async () => {
    const res = await serveFromTable(at("POST", "/api/v1/nope"));
    expect(res.status).toBe(404);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toMatchObject({
      error: { code: "not_found", message: "Unknown endpoint: POST /api/v1/nope. See /docs." },
    });
  });

  it("answers GET on chat completions with the OpenAI-shaped 405, other wrong methods with a bare one", async () => {
    const get = await serveFromTable(at("GET", "/api/v1/chat/completions"));
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: "method_not_allowed" } });
    for (const [method, path] of [
      ["PUT", "/api/v1/chat/completions"],
      ["GET", "/api/v1/messages"],
      ["HEAD", "/api/v1/messages/count_tokens"],
      ["POST", "/api/v1/models"],
      ["PUT", "/api/v1/responses/resp_1"],
    ] as const) {
      const res = await serveFromTable(at(method, path));
      expect(res.status).toBe(405);
      expect(await res.text()).toBe("");
    }
  });

  it("leaves the API-key-only entries to their own routes", async () => {
    expect((await serveFromTable(at("GET", "/api/user/credits"))).status).toBe(404);
  });
});
