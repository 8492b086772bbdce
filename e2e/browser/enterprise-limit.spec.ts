import { randomUUID } from "node:crypto";
import { ENTERPRISE_INQUIRIES_PER_HOUR } from "@/lib/ip-limits";
import { expect, test, uniqueEmail } from "../fixtures";
import { clientFrom, type OwnServer, ownPort, startOwnServer } from "../own-server";
import { formAlert } from "./account-helpers";

// The Enterprise form once this address has sent its inquiries for the hour: a clear message,
// nothing stored. On a server of its own, so that no other spec shares the browser's address.

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(ownPort(62), {});
});
test.afterAll(async () => {
  await server.stop();
});

test("the Enterprise form explains the per-address limit", async ({ page }) => {
  // The browser connects from 127.0.0.1: use up that address's inquiries first.
  const script = clientFrom("127.0.0.1", server.url);
  for (let i = 0; i < ENTERPRISE_INQUIRIES_PER_HOUR; i++) {
    const res = await script.postJson("/api/enterprise", {
      name: "Flood",
      email: uniqueEmail(`flood${i}`),
      message: `Inquiry ${randomUUID()} about a very large contract.`,
    });
    expect(res.status).toBe(201);
  }

  await page.goto(`${server.url}/pricing`);
  const form = page.getByRole("form", { name: "Enterprise contact form" });
  const email = uniqueEmail("buyer");
  await form.getByLabel("Name").fill("Grace Hopper");
  await form.getByLabel("Work email").fill(email);
  await form.getByLabel("What do you need?").fill("A dedicated rate limit for our compiler team.");
  await form.getByRole("button", { name: "Contact sales" }).click();
  await expect(formAlert(page)).toHaveText(/^Too many messages from your network\. Try again in \d+ min\.$/);
  await expect(page.getByRole("status").filter({ hasText: "we received your message" })).toHaveCount(0);

  const { db } = await import("@/lib/db");
  expect(await db().enterpriseInquiry.count({ where: { email } })).toBe(0);
});
