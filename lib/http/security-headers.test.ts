import { describe, expect, it } from "vitest";
import {
  API_SECURITY_HEADERS,
  HSTS,
  HTTPS_FORWARDED_PROTO,
  isHttps,
  pageCsp,
  setGatewaySecurityHeaders,
} from "@/lib/http/security-headers";

const directives = (csp: string) =>
  new Map(
    csp.split("; ").map((d) => {
      const [name = "", ...values] = d.split(" ");
      return [name, values.join(" ")] as const;
    }),
  );

describe("isHttps and the next.config condition agree", () => {
  // As Next sees it behind the gateway, whose proxy appends ",http" to what the client sent.
  it.each<[string, string | undefined, boolean]>([
    ["no header", undefined, false],
    ["empty", "", false],
    ["http", "http", false],
    ["https", "https", true],
    ["upper case", "HTTPS", true],
    ["spaces", " https ", true],
    ["behind a TLS proxy, after the gateway's hop", "https,http", true],
    ["with a space after the comma", "https, http", true],
    ["https only further right", "http,https", false],
    ["a longer word", "httpsx", false],
    ["a prefix", "xhttps", false],
  ])("%s", (_name, value, expected) => {
    expect(isHttps(value)).toBe(expected);
    // Next's matchHas: new RegExp(`^${value}$`) over the header (absent header: no match).
    expect(value ? new RegExp(`^${HTTPS_FORWARDED_PROTO}$`).test(value) : false).toBe(expected);
  });
});

describe("pageCsp", () => {
  it("runs only scripts with the nonce, loads images only from here, and is never framed", () => {
    const csp = directives(pageCsp({ nonce: "abc+/=", dev: false, https: false }));
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc+/=' 'strict-dynamic'");
    expect(csp.get("img-src")).toBe("'self' data: blob:");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self' https://github.com https://accounts.google.com");
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it.each<[string, { dev: boolean; https: boolean }, { eval: boolean; upgrade: boolean }]>([
    ["production over http", { dev: false, https: false }, { eval: false, upgrade: false }],
    ["production over https", { dev: false, https: true }, { eval: false, upgrade: true }],
    ["development", { dev: true, https: false }, { eval: true, upgrade: false }],
  ])("%s", (_name, options, expected) => {
    const csp = directives(pageCsp({ nonce: "n", ...options }));
    expect(csp.get("script-src")?.includes("'unsafe-eval'")).toBe(expected.eval);
    expect(csp.get("script-src")?.includes("'unsafe-inline'")).toBe(false);
    expect(csp.has("upgrade-insecure-requests")).toBe(expected.upgrade);
  });
});

describe("setGatewaySecurityHeaders", () => {
  it.each<[string, string | string[] | undefined, boolean]>([
    ["plain http", undefined, false],
    ["https through a proxy", "https", true],
    ["repeated header", ["https", "http"], true],
  ])("%s", (_name, proto, hsts) => {
    const set = new Map<string, string>();
    setGatewaySecurityHeaders({ setHeader: (name, value) => set.set(name, value) }, proto);
    expect(set.get("Content-Security-Policy")).toBe(API_SECURITY_HEADERS["Content-Security-Policy"]);
    expect(set.get("X-Content-Type-Options")).toBe("nosniff");
    expect(set.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(set.get("X-Frame-Options")).toBe("DENY");
    expect(set.get("Strict-Transport-Security")).toBe(hsts ? HSTS : undefined);
  });
});
