import { describe, expect, it } from "vitest";
import { getCreditsWithApiKey } from "@/app/api/user/credits/with-api-key";
import { OPTIONS, POST } from "@/app/api/v1/chat/completions/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { directHandler } from "./direct-routes";

const key = { authorization: "Bearer sk-kimi-x" };

describe("directHandler", () => {
  it.each([
    ["POST", "/api/v1/chat/completions", {}, POST],
    ["POST", "/api/v1/chat/completions?stream=1", {}, POST],
    ["OPTIONS", "/api/v1/chat/completions", {}, OPTIONS],
    ["GET", "/api/v1/models", key, listModels],
    ["GET", "/api/user/credits", key, getCreditsWithApiKey],
    ["GET", "/api/user/credits", { "x-api-key": "sk-kimi-x" }, getCreditsWithApiKey],
  ])("serves %s %s itself", (method, url, headers, expected) => {
    expect(directHandler({ method, url, headers })).toBe(expected);
  });

  it.each([
    // The session path of /api/user/credits needs Next (cookies, Auth.js).
    ["GET", "/api/user/credits", {}],
    // Methods a route file does not export get Next's answer, as before.
    ["DELETE", "/api/v1/chat/completions", {}],
    ["HEAD", "/api/v1/models", {}],
    // Pages, dashboard routes, unknown API paths, near misses.
    ["GET", "/", {}],
    ["POST", "/api/playground/chat", {}],
    ["POST", "/api/v1/unknown", {}],
    ["POST", "/api/v1/chat/completions/", {}],
    ["POST", "/API/V1/CHAT/COMPLETIONS", {}],
    [undefined, "/api/v1/models", {}],
    ["GET", undefined, {}],
  ])("leaves %s %s to Next", (method, url, headers) => {
    expect(directHandler({ method, url, headers })).toBeUndefined();
  });

  it("serves both Anthropic base URLs with the same handlers", () => {
    for (const path of ["/api/v1/messages", "/api/v1/messages/count_tokens"]) {
      expect(
        directHandler({ method: "POST", url: path.replace("/api/v1/", "/api/v1/v1/"), headers: {} }),
      ).toBe(directHandler({ method: "POST", url: path, headers: {} }));
    }
  });
});
