import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openReasoning, sealReasoning } from "./encrypted-reasoning";

const SECRET = "test-secret-test-secret-test-secret";

describe("encrypted reasoning", () => {
  it("round trips for the account it was sealed for, and hides the text", () => {
    const blob = sealReasoning("The user wants the weather.", "user-a", SECRET);
    expect(blob).not.toContain("weather");
    expect(openReasoning(blob, "user-a", SECRET, "input[1].encrypted_content")).toBe(
      "The user wants the weather.",
    );
    // A fresh IV each time: the same text seals differently.
    expect(sealReasoning("The user wants the weather.", "user-a", SECRET)).not.toBe(blob);
  });

  it("refuses another account's blob, a tampered one, another secret's and garbage, naming the field", () => {
    const blob = sealReasoning("secret thoughts", "user-a", SECRET);
    const bytes = Buffer.from(blob, "base64url");
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    const cases = [
      () => openReasoning(blob, "user-b", SECRET, "p"),
      () => openReasoning(bytes.toString("base64url"), "user-a", SECRET, "p"),
      () => openReasoning(blob, "user-a", `${SECRET}x`, "p"),
      () => openReasoning("not a blob", "user-a", SECRET, "p"),
      () => openReasoning("", "user-a", SECRET, "p"),
    ];
    for (const attempt of cases) {
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ code: "invalid_request", param: "p" });
      }
    }
  });
});
