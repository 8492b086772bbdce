import { randomUUID } from "node:crypto";
import { BASE_URL, expect, test } from "../fixtures";

// POST /api/enterprise — the Enterprise contact form.

async function inquiriesFrom(email: string) {
  const { db, ensureMigrated } = await import("@/lib/db");
  await ensureMigrated();
  return db().enterpriseInquiry.findMany({ where: { email } });
}

function valid() {
  return {
    name: "Ada Lovelace",
    email: `ada-${randomUUID().slice(0, 8)}@analytical.example`,
    company: "Analytical Engines Ltd",
    message: "We expect about two million requests a month and need invoicing.",
  };
}

const headers = { Origin: BASE_URL, "content-type": "application/json" };

test("saves an inquiry; the same one sent again (or ten times at once) is stored once", async ({
  request,
}) => {
  const inquiry = valid();
  const res = await request.post(`${BASE_URL}/api/enterprise`, { data: inquiry, headers });
  expect(res.status()).toBe(201);
  expect(await res.json()).toEqual({ ok: true });
  const again = await request.post(`${BASE_URL}/api/enterprise`, { data: inquiry, headers });
  expect(again.status()).toBe(200);
  const rows = await inquiriesFrom(inquiry.email);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    name: inquiry.name,
    company: inquiry.company,
    message: inquiry.message,
    userId: null,
  });

  const burst = { ...valid() };
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => request.post(`${BASE_URL}/api/enterprise`, { data: burst, headers })),
  );
  expect(responses.every((r) => r.status() === 200 || r.status() === 201)).toBe(true);
  expect(responses.filter((r) => r.status() === 201)).toHaveLength(1);
  expect(await inquiriesFrom(burst.email)).toHaveLength(1);
});

test("company is optional and whitespace is trimmed", async ({ request }) => {
  const inquiry = { ...valid(), company: "   ", name: "  Grace  " };
  const res = await request.post(`${BASE_URL}/api/enterprise`, { data: inquiry, headers });
  expect(res.status()).toBe(201);
  expect((await inquiriesFrom(inquiry.email))[0]).toMatchObject({ name: "Grace", company: null });
});

test("bad inquiries get a clear error naming the field, and store nothing", async ({ request }) => {
  const base = valid();
  const cases = [
    { name: "malformed JSON", body: "{oops", status: 400, code: "invalid_json", param: undefined },
    {
      name: "missing name",
      body: { ...base, name: undefined },
      status: 400,
      code: "invalid_request",
      param: "name",
    },
    {
      name: "blank name",
      body: { ...base, name: "   " },
      status: 400,
      code: "invalid_request",
      param: "name",
    },
    {
      name: "bad email",
      body: { ...base, email: "not-an-email" },
      status: 400,
      code: "invalid_request",
      param: "email",
    },
    {
      name: "short message",
      body: { ...base, message: "hi" },
      status: 400,
      code: "invalid_request",
      param: "message",
    },
    { name: "wrong type", body: { ...base, name: 42 }, status: 400, code: "invalid_request", param: "name" },
    {
      name: "message too long",
      body: { ...base, message: "x".repeat(5_001) },
      status: 400,
      code: "invalid_request",
      param: "message",
    },
    {
      name: "huge body",
      body: { ...base, message: "x".repeat(40_000) },
      status: 413,
      code: "body_too_large",
      param: undefined,
    },
  ];
  for (const c of cases) {
    const res = await request.post(`${BASE_URL}/api/enterprise`, {
      data: Buffer.from(typeof c.body === "string" ? c.body : JSON.stringify(c.body)),
      headers,
    });
    expect(res.status(), c.name).toBe(c.status);
    const body = await res.json();
    expect(body.error.code, c.name).toBe(c.code);
    if (c.param) expect(body.error.param, c.name).toBe(c.param);
  }
  expect(await inquiriesFrom(base.email)).toHaveLength(0);
});

test("refuses cross-site posts", async ({ request }) => {
  const inquiry = valid();
  for (const origin of ["https://evil.example", null]) {
    const res = await request.post(`${BASE_URL}/api/enterprise`, {
      data: inquiry,
      headers: origin
        ? { Origin: origin, "content-type": "application/json" }
        : { "content-type": "application/json" },
    });
    expect(res.status(), String(origin)).toBe(403);
  }
  expect(await inquiriesFrom(inquiry.email)).toHaveLength(0);
});
