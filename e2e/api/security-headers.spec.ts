import { API_BASE, BASE_URL, createAccount, expect, test } from "../fixtures";

// Every kind of answer the production server sends carries the security headers: pages (a CSP
// with a fresh nonce on every script), static files, the gateway's API answers and errors, Next's
// JSON routes; HSTS only when the request came over HTTPS (X-Forwarded-Proto from the TLS proxy).

test.use({ accountOptions: { credits: 5 } });

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const hello = JSON.stringify({ model: "kimi-k2", messages: [{ role: "user", content: "Hello" }] });

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? "").split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")] as const;
    }),
  );
}

interface Case {
  name: string;
  send: (extra: Record<string, string>) => Promise<Response>;
  status: number;
  /** Pages carry their own CSP (checked below); everything else the API's. */
  page?: boolean;
}

async function cases(): Promise<Case[]> {
  const account = await createAccount({ credits: 50 });
  const auth = { Authorization: `Bearer ${account.key}`, "Content-Type": "application/json" };
  const html = await (await fetch(`${BASE_URL}/login`)).text();
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
  expect(script, "a script of the page").toBeDefined();
  expect(css, "a stylesheet of the page").toBeDefined();
  const get = (url: string) => (extra: Record<string, string>) =>
    fetch(url, { headers: extra, redirect: "manual" });
  return [
    { name: "a page", send: get(`${BASE_URL}/login`), status: 200, page: true },
    { name: "a signed-in page's redirect", send: get(`${BASE_URL}/playground`), status: 307 },
    { name: "a script", send: get(`${BASE_URL}${script}`), status: 200 },
    { name: "a stylesheet", send: get(`${BASE_URL}${css}`), status: 200 },
    {
      name: "an API-key answer (gateway)",
      send: (extra) =>
        fetch(`${API_BASE}/chat/completions`, {
          method: "POST",
          headers: { ...auth, ...extra },
          body: hello,
        }),
      status: 200,
    },
    {
      name: "an API-key event stream (gateway)",
      send: (extra) =>
        fetch(`${API_BASE}/messages`, {
          method: "POST",
          headers: { ...auth, ...extra },
          body: JSON.stringify({
            model: "kimi-k2",
            max_tokens: 20,
            stream: true,
            messages: [{ role: "user", content: "Hi" }],
          }),
        }),
      status: 200,
    },
    {
      name: "the models list (gateway)",
      send: (extra) => fetch(`${API_BASE}/models`, { headers: { ...auth, ...extra } }),
      status: 200,
    },
    {
      name: "an API error: no key (gateway)",
      send: (extra) => fetch(`${API_BASE}/chat/completions`, { method: "POST", headers: extra, body: hello }),
      status: 401,
    },
    {
      name: "an API error: bad JSON (gateway)",
      send: (extra) =>
        fetch(`${API_BASE}/chat/completions`, { method: "POST", headers: { ...auth, ...extra }, body: "{" }),
      status: 400,
    },
    { name: "an API error: unknown path (Next)", send: get(`${API_BASE}/nope`), status: 404 },
    { name: "a session route without a session (Next)", send: get(`${BASE_URL}/api/keys`), status: 401 },
    { name: "the health check (Next)", send: get(`${BASE_URL}/api/health`), status: 200 },
  ];
}

test("every kind of answer carries nosniff and a CSP; pages also Referrer-Policy and X-Frame-Options", async () => {
  for (const c of await cases()) {
    const res = await c.send({});
    await res.arrayBuffer();
    expect(res.status, c.name).toBe(c.status);
    expect(res.headers.get("x-content-type-options"), c.name).toBe("nosniff");
    expect(res.headers.get("strict-transport-security"), `${c.name}: no HSTS over plain HTTP`).toBeNull();
    const csp = res.headers.get("content-security-policy");
    if (c.page) {
      expect(res.headers.get("referrer-policy"), c.name).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-frame-options"), c.name).toBe("DENY");
      expect(directives(csp).get("frame-ancestors")).toBe("'none'");
    } else expect(csp, c.name).toBe(API_CSP);
  }
});

test("HSTS on every kind of answer when the TLS proxy says https, and on none when it says http", async () => {
  for (const c of await cases()) {
    const https = await c.send({ "X-Forwarded-Proto": "https" });
    await https.arrayBuffer();
    expect(https.status, c.name).toBe(c.status);
    expect(https.headers.get("strict-transport-security"), c.name).toBe("max-age=63072000");
    const http = await c.send({ "X-Forwarded-Proto": "http" });
    await http.arrayBuffer();
    expect(http.headers.get("strict-transport-security"), c.name).toBeNull();
  }
});

test("a page's CSP: scripts only with this response's nonce, images only from here, no framing", async () => {
  const res = await fetch(`${BASE_URL}/pricing`);
  const html = await res.text();
  const csp = directives(res.headers.get("content-security-policy"));
  const nonce = /'nonce-([^']+)'/.exec(csp.get("script-src") ?? "")?.[1];
  expect(nonce).toBeDefined();
  expect(csp.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp.get("img-src")).toBe("'self' data: blob:");
  expect(csp.get("object-src")).toBe("'none'");
  expect(csp.get("base-uri")).toBe("'self'");
  expect(csp.get("form-action")?.split(" ")[0]).toBe("'self'");
  expect(csp.get("frame-ancestors")).toBe("'none'");
  // Every script of the page carries the nonce, so nothing Next needs is blocked.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh one per response.
  const again = directives((await fetch(`${BASE_URL}/pricing`)).headers.get("content-security-policy"));
  expect(again.get("script-src")).not.toContain(nonce);
});

test("the API's CORS still works with the CSP on: preflight and answer", async ({ account }) => {
  const preflight = await fetch(`${API_BASE}/chat/completions`, {
    method: "OPTIONS",
    headers: {
      Origin: "https://app.example",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization, content-type",
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
  const res = await fetch(`${API_BASE}/chat/completions`, {
    method: "POST",
    headers: {
      Origin: "https://app.example",
      Authorization: `Bearer ${account.key}`,
      "Content-Type": "application/json",
    },
    body: hello,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("content-security-policy")).toBe(API_CSP);
  await res.json();
});
