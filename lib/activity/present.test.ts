import { describe, expect, it } from "vitest";
import { failureReason, formatDuration, keyLabel, outcomeOf, surfaceLabel } from "@/lib/activity/present";

describe("activity row presentation", () => {
  it.each([
    [{ source: "api", endpoint: "openai" }, "Chat completions"],
    [{ source: "api", endpoint: "anthropic" }, "Messages"],
    [{ source: "api", endpoint: "responses" }, "Responses"],
    [{ source: "playground", endpoint: "openai" }, "Playground"],
  ])("surface of %j is %s", (row, label) => {
    expect(surfaceLabel(row)).toBe(label);
  });

  it("names the key, the playground, or a deleted key", () => {
    expect(keyLabel({ source: "api", apiKeyId: "k", keyName: "prod" })).toBe("prod");
    expect(keyLabel({ source: "api", apiKeyId: null, keyName: null })).toBe("Deleted key");
    expect(keyLabel({ source: "playground", apiKeyId: null, keyName: null })).toBe("Playground");
  });

  it.each([
    [{ status: 200, errorCode: null }, "ok", ""],
    [{ status: 200, errorCode: "in_progress" }, "in_progress", ""],
    [{ status: 502, errorCode: "upstream_error" }, "failed", "The provider returned an error"],
    [{ status: 499, errorCode: "client_closed" }, "failed", "The client closed the connection"],
    [{ status: 200, errorCode: "interrupted" }, "failed", "The server stopped during the call"],
    [{ status: 418, errorCode: "some_new_code" }, "failed", "some new code"],
    [{ status: 500, errorCode: null }, "failed", "HTTP 500"],
  ])("%j is %s (%s)", (row, outcome, reason) => {
    expect(outcomeOf(row)).toBe(outcome);
    expect(failureReason(row)).toBe(reason);
  });

  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1234, "1.23 s"],
    [12_345, "12.3 s"],
    [125_000, "2 min 5 s"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
