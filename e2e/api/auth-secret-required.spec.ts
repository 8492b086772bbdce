import { expect, test } from "../fixtures";
import { ownPort, startExpectingRefusal } from "../own-server";

// A production server on a shared (PostgreSQL) database refuses to start without AUTH_SECRET:
// a secret generated into one instance's DATA_DIR would not open the others' sessions.

test("DATABASE_URL on PostgreSQL without AUTH_SECRET: the server does not start, and names AUTH_SECRET", async () => {
  test.setTimeout(120_000);
  const result = await startExpectingRefusal(ownPort(95), {
    DATABASE_URL: "postgresql://postgres@127.0.0.1:1/never-reached",
    AUTH_SECRET: undefined,
  });
  expect(result.ready, result.output).toBe(false);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain("AUTH_SECRET: is required when DATABASE_URL is a shared database");
});
