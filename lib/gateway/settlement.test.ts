import { beforeEach, describe, expect, it, vi } from "vitest";

const refundCredits = vi.fn(async () => 41);
const logRequest = vi.fn();
const rememberBalance = vi.fn();
const recordCall = vi.fn();
vi.mock("@/lib/data/credits", () => ({ refundCredits }));
vi.mock("@/lib/data/request-log", () => ({ logRequest, IN_PROGRESS: "in_progress" }));
vi.mock("@/lib/data/api-key-cache", () => ({ rememberBalance }));
vi.mock("@/lib/access-log", () => ({ recordCall }));

const { Settlement } = await import("./settlement");
const { metrics } = await import("@/lib/metrics");

// The settlement against stand-ins for the ledger and the request log: which of refund and log
// happen, how often, and with what.

function settlement() {
  return new Settlement({
    requestId: "req_1",
    userId: "user_1",
    apiKeyId: null,
    source: "api",
    endpoint: "openai",
    model: "kimi-k2",
    stream: true,
    cost: 1,
  });
}

beforeEach(() => vi.clearAllMocks());

describe("Settlement", () => {
  it("refunds a reserved request that produced nothing, once, however often it is finished", async () => {
    const s = settlement();
    s.reserved();
    s.end(502, "upstream_error");
    const balances = await Promise.all([s.finish(), s.finish()]);
    await s.finish();
    expect(balances).toEqual([41, 41]);
    expect(refundCredits).toHaveBeenCalledOnce();
    expect(refundCredits).toHaveBeenCalledWith({ userId: "user_1", cost: 1, requestId: "req_1" });
    expect(rememberBalance).toHaveBeenCalledWith("user_1", 41);
    expect(logRequest).toHaveBeenCalledOnce();
    expect(logRequest).toHaveBeenCalledWith(
      expect.objectContaining({ status: 502, errorCode: "upstream_error", credits: 0, ttfbMs: null }),
    );
  });

  it("charges a request whose upstream produced output, whatever status it ends with", async () => {
    const s = settlement();
    s.reserved();
    s.upstream = "moonshot";
    s.charge();
    s.end(499, "client_closed");
    expect(await s.finish()).toBeUndefined();
    expect(refundCredits).not.toHaveBeenCalled();
    expect(logRequest).toHaveBeenCalledWith(
      expect.objectContaining({ status: 499, errorCode: "client_closed", credits: 1, upstream: "moonshot" }),
    );
    expect(logRequest.mock.calls[0]?.[0].ttfbMs).toEqual(expect.any(Number));
  });

  it("logs a stream's row, charged and in progress, as soon as output goes out", () => {
    const s = settlement();
    s.reserved();
    s.charge();
    s.charge();
    expect(logRequest).toHaveBeenCalledOnce();
    expect(logRequest).toHaveBeenCalledWith(
      expect.objectContaining({ id: "req_1", status: 200, errorCode: "in_progress", credits: 1 }),
    );
  });

  it("never refunds what was not reserved, and the first end() decides the log row", async () => {
    const s = settlement();
    s.end(403, "insufficient_credits");
    s.end(500, "internal_error");
    await s.finish();
    expect(refundCredits).not.toHaveBeenCalled();
    expect(logRequest).toHaveBeenCalledWith(
      expect.objectContaining({ status: 403, errorCode: "insufficient_credits", credits: 0, upstream: null }),
    );
  });

  it("counts the credits reserved and refunded, and records the call once with what it cost", async () => {
    const credits = async () => ({
      reserved:
        (await metrics.creditsReserved.get()).values.find((v) => v.labels.surface === "openai")?.value ?? 0,
      refunded:
        (await metrics.creditsRefunded.get()).values.find((v) => v.labels.surface === "openai")?.value ?? 0,
    });
    const before = await credits();
    const refunded = settlement();
    refunded.reserved();
    refunded.end(502, "upstream_error");
    await Promise.all([refunded.finish(), refunded.finish()]);
    const charged = settlement();
    charged.reserved();
    charged.upstream = "moonshot";
    charged.charge();
    charged.end(200, null);
    await charged.finish();
    expect(await credits()).toEqual({ reserved: before.reserved + 2, refunded: before.refunded + 1 });
    expect(recordCall.mock.calls.map(([call]) => call)).toEqual([
      expect.objectContaining({ surface: "openai", status: 502, credits: 0, upstream: null, keyId: null }),
      expect.objectContaining({ surface: "openai", status: 200, credits: 1, upstream: "moonshot" }),
    ]);
  });
});
