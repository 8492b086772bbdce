import { Counter, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { failureReason, metrics, metricsAccess, metricsText, reconciliationRefunds } from "./metrics";

describe("metricsAccess", () => {
  const token = "a-metrics-token-of-some-length";
  it.each<[string, string | undefined, string | undefined, number]>([
    ["no token configured: not served", `Bearer ${token}`, undefined, 404],
    ["no Authorization", undefined, token, 401],
    ["a wrong token", "Bearer another-token-of-some-length", token, 401],
    ["a prefix of the token", `Bearer ${token.slice(0, 10)}`, token, 401],
    ["another scheme", `Basic ${token}`, token, 401],
    ["the token", `Bearer ${token}`, token, 200],
    ["the token, scheme in lower case", `bearer ${token}`, token, 200],
  ])("%s → %d", (_label, authorization, configured, status) => {
    expect(metricsAccess(authorization, configured)).toBe(status);
  });
});

describe("failureReason", () => {
  it.each<[number | "timeout" | "network", string]>([
    [429, "429"],
    [500, "5xx"],
    [503, "5xx"],
    ["timeout", "timeout"],
    ["network", "network"],
  ])("%s → %s", (status, reason) => expect(failureReason(status)).toBe(reason));
});

describe("metricsText", () => {
  it("merges another process's metrics into this one's, each under its process label", async () => {
    const other = new Registry();
    other.setDefaultLabels({ process: "gateway" });
    new Counter({ name: "kimi_requests_total", help: "h", labelNames: ["surface"], registers: [other] })
      .labels("openai")
      .inc(3);
    metrics.requests.labels("playground", "kimi-k2", "moonshot", "200").inc(2);
    reconciliationRefunds.inc();
    const { body, contentType } = await metricsText([await other.getMetricsAsJSON()]);
    expect(contentType).toContain("text/plain");
    expect(body).toContain('kimi_requests_total{surface="openai",process="gateway"} 3');
    expect(body).toMatch(
      /kimi_requests_total\{surface="playground",model="kimi-k2",upstream="moonshot",status="200",process="next"\} 2/,
    );
    expect(body).toMatch(/kimi_reconciliation_refunds_total\{process="next"\} 1/);
    // prom-client's default process metrics come along.
    expect(body).toMatch(/process_resident_memory_bytes\{process="next"\}/);
  });
});
