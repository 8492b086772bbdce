import { describe, expect, it } from "vitest";
import { mailboxKey, sameMailbox } from "@/lib/mailbox";

describe("mailboxKey", () => {
  it.each([
    ["me@example.com", "me@example.com"],
    ["  Me@Example.COM ", "me@example.com"],
    ["me+x@example.com", "me@example.com"],
    ["me+x+y@example.com", "me@example.com"],
    ["me+@example.com", "me@example.com"],
    ["first.last@example.com", "first.last@example.com"],
    ["First.Last+news@gmail.com", "firstlast@gmail.com"],
    ["f.i.r.s.t@googlemail.com", "first@gmail.com"],
    ["FIRST+a.b@GoogleMail.com", "first@gmail.com"],
    ["no-at-sign", "no-at-sign"],
    ['"odd@local"@example.com', '"odd@local"@example.com'],
  ])("%j → %j", (email, expected) => {
    expect(mailboxKey(email)).toBe(expected);
  });
});

describe("sameMailbox", () => {
  it.each([
    ["me@example.com", "me+x@example.com", true],
    ["me@example.com", "ME+promo@EXAMPLE.com", true],
    ["me.name@gmail.com", "mename+1@googlemail.com", true],
    ["me@example.com", "me@example.org", false],
    ["me.name@example.com", "mename@example.com", false],
    ["me@example.com", "me2@example.com", false],
    ["me@gmail.com", "me@example.com", false],
  ])("%j and %j: %s", (a, b, expected) => {
    expect(sameMailbox(a, b)).toBe(expected);
  });
});
