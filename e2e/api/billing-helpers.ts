import { randomUUID } from "node:crypto";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import Stripe from "stripe";
import { BASE_URL } from "../fixtures";
import { stripeEvent } from "./fake-stripe";

// Shared by the billing specs: a signed-in API context, Stripe-signed webhook deliveries, and
// a real database failure (a trigger that aborts one user's grant inserts).

/** The Stripe-mode servers' webhook secret (e2e/api/stripe-server.ts). */
export const WEBHOOK_SECRET = "whsec_e2e_test_secret";
// Only the SDK's offline helpers are used; no request ever goes to Stripe.
const stripe = new Stripe("sk_test_e2e_offline");

async function dataLayer() {
  const dbModule = await import("@/lib/db");
  await dbModule.ensureMigrated();
  return dbModule;
}

/** An API context signed in as the user (Auth.js credentials flow), sending same-origin headers. */
export async function signedInContext(
  email: string,
  password: string,
  baseURL: string = BASE_URL,
): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
  });
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: `${baseURL}/my-credits` },
    maxRedirects: 0,
  });
  if (res.status() !== 302 || (res.headers().location ?? "").includes("error")) {
    throw new Error(`sign-in failed: ${res.status()} ${res.headers().location ?? ""}`);
  }
  return context;
}

export interface SessionFields {
  userId: string;
  packageId?: string;
  amountCents?: number;
  paymentStatus?: "paid" | "unpaid" | "no_payment_required";
  sessionId?: string;
  currency?: string;
}

/** A Stripe event as Stripe sends it, around a Checkout Session of ours. */
export function checkoutEvent(type: string, fields: SessionFields) {
  const sessionId = fields.sessionId ?? `cs_test_${randomUUID().replaceAll("-", "")}`;
  return {
    sessionId,
    payload: stripeEvent(type, {
      id: sessionId,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      client_reference_id: fields.userId,
      metadata: { package: fields.packageId ?? "standard" },
      amount_total: fields.amountCents ?? 2999,
      amount_subtotal: fields.amountCents ?? 2999,
      currency: fields.currency ?? "usd",
      payment_status: fields.paymentStatus ?? "paid",
      customer_details: { email: "buyer@test.kimi.local" },
    }),
  };
}

export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
}

export async function deliver(
  request: APIRequestContext,
  payload: string,
  signature: string | null,
  baseURL: string = BASE_URL,
) {
  return request.post(`${baseURL}/api/webhooks/stripe`, {
    data: payload,
    headers: {
      "content-type": "application/json",
      ...(signature === null ? {} : { "stripe-signature": signature }),
    },
  });
}

export async function purchasesOf(userId: string) {
  const { db } = await dataLayer();
  return db().purchase.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

export async function grantsOf(userId: string) {
  const { db } = await dataLayer();
  return db().creditGrant.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

/**
 * Makes the database refuse to store grants for this user (a real error inside the fulfilment
 * transaction, on SQLite and PostgreSQL alike). Returns the function that lifts it.
 */
export async function failGrantsFor(userId: string): Promise<() => Promise<void>> {
  const { db, dbProvider } = await dataLayer();
  const name = `e2e_fail_${userId.replace(/[^a-z0-9]/gi, "")}`;
  if (dbProvider() === "postgresql") {
    await db().$executeRawUnsafe(
      `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "CreditGrant" FOR EACH ROW WHEN (NEW."userId" = '${userId}') EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await db().$executeRawUnsafe(`DROP TRIGGER ${name} ON "CreditGrant"`);
      await db().$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    };
  }
  await db().$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "CreditGrant" WHEN NEW."userId" = '${userId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
  );
  return async () => {
    await db().$executeRawUnsafe(`DROP TRIGGER ${name}`);
  };
}
