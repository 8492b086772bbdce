import "server-only";
import { z } from "zod";
import { type PaymentMode, resolvePaymentMode } from "@/lib/billing/payment-mode";
import { parseTrustedProxies } from "@/lib/client-address";
import { loadOrCreateSecret } from "@/lib/secret-file";

// One validated view of the environment. Read lazily so `next build` needs no configuration;
// the first request (or the CLI) fails fast with a message naming the bad variable.

const optionalUrl = z
  .url()
  .optional()
  .or(z.literal("").transform(() => undefined));
const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, "must start with postgresql:// or file:")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  MOONSHOT_API_KEY: z.string().optional(),
  MOONSHOT_BASE_URL: z.url().default("https://api.moonshot.ai/v1"),
  AIMLAPI_API_KEY: z.string().optional(),
  AIMLAPI_BASE_URL: z.url().default("https://api.aimlapi.com/v1"),
  /** "auto" (default): the simulator serves only when no upstream key is set. */
  SIMULATOR: z.enum(["auto", "on", "off"]).default("auto"),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(250),
  SIMULATOR_CHUNK_INTERVAL_MS: z.coerce.number().int().min(0).default(25),
  UPSTREAM_CONNECT_TIMEOUT_MS: ms(30_000),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: ms(600_000),
  UPSTREAM_IDLE_TIMEOUT_MS: ms(600_000),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Time a client has to send a whole request, headers and body (then 408, connection closed). */
  BODY_TIMEOUT_MS: ms(15_000),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Where the Stripe SDK sends its calls instead of api.stripe.com: for stripe-mock and tests. */
  STRIPE_API_BASE: optionalUrl,
  /** "on": a checkout that takes no money. Unset: on outside production, off in production. */
  PAYMENTS_TEST_MODE: z
    .enum(["on", "off"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Accounts one IP may create per hour (each gets free credits). */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(20),
  /** Proxies in front of the server whose X-Forwarded-For entries count (lib/client-address.ts). */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `${(error as Error).message} (a hop count or IPs/CIDRs)` });
        return z.NEVER;
      }
    }),
  /** Set by `npm start` for its Next.js child: proves a request came through the gateway. */
  KIMI_GATEWAY_TOKEN: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PUBLIC_URL: optionalUrl,
  /** Auth.js's own: this deployment's origin, for links in emails when PUBLIC_URL is unset. */
  AUTH_URL: optionalUrl,
  /** Mail transport (smtp://user:pass@host:587, smtps:// for TLS); unset: messages go to the log. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The From of every email, e.g. "Kimi Playground <no-reply@example.com>"; required with SMTP_URL. */
  EMAIL_FROM: z
    .string()
    .min(3)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Serves GET /metrics on the public port to `Authorization: Bearer <token>` (docs/deploy.md). */
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** A listener of its own for GET /metrics, without a token, on METRICS_HOST (loopback by default). */
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; PAYMENT_MODE: PaymentMode };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  if (value.SMTP_URL && !value.EMAIL_FROM)
    throw new Error("Invalid configuration:\n  EMAIL_FROM: is required when SMTP_URL is set");
  const payments = resolvePaymentMode(value);
  if (payments.error) {
    throw new Error(`Invalid configuration:\n  ${payments.error.variable}: ${payments.error.message}`);
  }
  const authSecret = value.AUTH_SECRET ?? loadOrCreateSecret(value.DATA_DIR, "auth-secret");
  cached = { ...value, AUTH_SECRET: authSecret, PAYMENT_MODE: payments.mode };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
