import { describe, expect, it } from "vitest";
import { ACTIVITY_CSV_HEADER, activityCsvLine, csvCell, csvLine } from "@/lib/activity/csv";
import type { ActivityRow } from "@/lib/activity/present";

const ROW: ActivityRow = {
  id: "req_0190",
  createdAt: new Date("2026-05-20T10:30:00.123Z"),
  model: "kimi-k2",
  apiKeyId: "key1",
  keyName: "prod",
  source: "api",
  endpoint: "openai",
  stream: true,
  promptTokens: 12,
  completionTokens: 34,
  latencyMs: 850,
  status: 200,
  errorCode: null,
  credits: 1,
};

describe("csv cells", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\r=1", `"'\r=1"`],
    ["a=1", "a=1"],
  ])("a formula-like text %j is defused as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes numbers, booleans and null as they are", () => {
    expect(csvLine([1, -2, true, null, "x"])).toBe("1,-2,true,,x\r\n");
  });
});

describe("activity rows as csv", () => {
  it("has one header and one line per call, in the header's order", () => {
    expect(ACTIVITY_CSV_HEADER).toBe(
      "time_utc,request_id,model,key,surface,stream,prompt_tokens,completion_tokens,duration_ms,status,http_status,error_code,reason,credits\r\n",
    );
    expect(activityCsvLine(ROW)).toBe(
      "2026-05-20T10:30:00.123Z,req_0190,kimi-k2,prod,Chat completions,true,12,34,850,ok,200,,,1\r\n",
    );
  });

  it("names the playground, a deleted key and a failure's reason", () => {
    expect(activityCsvLine({ ...ROW, source: "playground", apiKeyId: null, keyName: null })).toContain(
      ",Playground,Playground,",
    );
    expect(activityCsvLine({ ...ROW, apiKeyId: null, keyName: null, endpoint: "anthropic" })).toContain(
      ",Deleted key,Messages,",
    );
    expect(
      activityCsvLine({ ...ROW, status: 502, errorCode: "upstream_error", credits: 0, completionTokens: 0 }),
    ).toBe(
      "2026-05-20T10:30:00.123Z,req_0190,kimi-k2,prod,Chat completions,true,12,0,850,failed,502,upstream_error,The provider returned an error,0\r\n",
    );
  });

  it("defuses a key name written as a formula", () => {
    const line = activityCsvLine({ ...ROW, keyName: '=cmd|"/c calc"!A1' });
    expect(line).toContain(`,"'=cmd|""/c calc""!A1",`);
  });
});
