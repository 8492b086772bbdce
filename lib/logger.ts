import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// Structured logs. Anything that could hold a secret is redacted by path, so a key or password
// that reaches a log call by mistake is still never written.

export const logger = pino({
  level: env().LOG_LEVEL,
  redact: {
    paths: [
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers['x-api-key']",
      "*.apiKey",
      "apiKey",
      "key",
      "*.key",
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
    ],
    censor: "[redacted]",
  },
  base: undefined,
});
