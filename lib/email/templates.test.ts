import { describe, expect, it } from "vitest";
import { passwordResetEmail, receiptEmail, verifyEmail } from "./templates";

const link = "https://kimi.example/reset-password?token=abc_DEF-123";

describe("email templates", () => {
  it("password reset: the link in both bodies, its lifetime, and what to do if it was not you", () => {
    const m = passwordResetEmail({ link, minutes: 30 });
    expect(m.subject).toBe("Reset your Kimi Playground password");
    expect(m.text).toContain(`\n${link}\n`);
    expect(m.text).toContain("30 minutes");
    expect(m.text).toContain("ignore this email");
    expect(m.html).toContain(`href="${link}"`);
  });

  it("verification: the link and the credits it unlocks", () => {
    const m = verifyEmail({ link, credits: 1000 });
    expect(m.text).toContain(link);
    expect(m.text).toContain("1,000 free credits");
    expect(m.html).toContain(`href="${link}"`);
  });

  it("receipt: package, credits, amount and currency, date, expiry and purchase id", () => {
    const m = receiptEmail({
      purchaseId: "cmabc123",
      packageName: "Standard",
      credits: 5000,
      amountCents: 2999,
      currency: "usd",
      paidAt: new Date("2026-12-03T10:05:00Z"),
      expiresAt: null,
      link: "https://kimi.example/billing/receipts/cmabc123",
    });
    expect(m.subject).toBe("Your Kimi Playground receipt: Standard package");
    for (const line of [
      "Package:        Standard",
      "Credits:        5,000",
      "Amount:         $29.99 USD",
      "Date:           Dec 3, 2026, 10:05 UTC",
      "Credits expire: Never",
      "Purchase ID:    cmabc123",
    ])
      expect(m.text).toContain(line);
    expect(m.html).toContain("$29.99 USD");
  });

  it("HTML-escapes what it is given", () => {
    const m = passwordResetEmail({ link: 'https://x.example/?a=1&b="<script>', minutes: 30 });
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("a=1&amp;b=&quot;&lt;script&gt;");
  });
});
