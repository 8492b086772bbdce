import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for Stripe's API over HTTP (the server under test reaches it through
// STRIPE_API_BASE): it creates Checkout Sessions from what the app asks for, as Stripe would, and
// keeps them, so a spec can send the webhook Stripe would send for one.

export interface FakeSession {
  id: string;
  object: "checkout.session";
  mode: string;
  url: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  payment_status: "unpaid" | "paid";
  status: "open" | "complete";
  success_url: string;
  cancel_url: string;
  /** Not Stripe's: the Authorization header the app sent. */
  authorization: string | undefined;
}

export interface FakeStripe {
  base: string;
  sessions: Map<string, FakeSession>;
  close(): Promise<void>;
}

function sessionFrom(form: URLSearchParams, authorization: string | undefined): FakeSession {
  const id = `cs_test_${randomUUID().replaceAll("-", "")}`;
  const quantity = Number(form.get("line_items[0][quantity]") ?? "1");
  const amount = Number(form.get("line_items[0][price_data][unit_amount]")) * quantity;
  const metadata: Record<string, string> = {};
  for (const [name, value] of form) {
    const key = /^metadata\[(.+)\]$/.exec(name)?.[1];
    if (key) metadata[key] = value;
  }
  return {
    id,
    object: "checkout.session",
    mode: form.get("mode") ?? "payment",
    url: `https://checkout.stripe.test/c/pay/${id}`,
    client_reference_id: form.get("client_reference_id"),
    customer_email: form.get("customer_email"),
    metadata,
    amount_total: amount,
    amount_subtotal: amount,
    currency: form.get("line_items[0][price_data][currency]") ?? "",
    payment_status: "unpaid",
    status: "open",
    success_url: form.get("success_url") ?? "",
    cancel_url: form.get("cancel_url") ?? "",
    authorization,
  };
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>();
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
        const session = sessionFrom(
          new URLSearchParams(Buffer.concat(parts).toString()),
          req.headers.authorization,
        );
        sessions.set(session.id, session);
        const { authorization: _, ...body } = session;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        return;
      }
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(
          JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }),
        );
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    sessions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Stripe event as Stripe sends it, around `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: "2025-10-29.clover",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

/** The event Stripe sends once the customer has paid a session (overrides: what an attacker changes). */
export function paidSessionEvent(
  session: FakeSession,
  overrides: Partial<FakeSession> = {},
  type = "checkout.session.completed",
): string {
  const { authorization: _, ...object } = session;
  return stripeEvent(type, { ...object, status: "complete", payment_status: "paid", ...overrides });
}
