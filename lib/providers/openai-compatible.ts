import "server-only";
import { Agent, request } from "undici";
import type { ProviderId } from "@/lib/providers/catalog";
import type { Provider } from "@/lib/providers/types";

// Moonshot and AI/ML API both speak the OpenAI chat-completions dialect; they differ only in
// base URL, key and model ids (the catalog holds those). One keep-alive pool per provider; the
// connect timeout lives in the pool, the first-byte and idle timeouts in the router.

export function openAICompatibleProvider(options: {
  id: ProviderId;
  baseUrl: string;
  apiKey: string;
  connectTimeoutMs: number;
}): Provider {
  const dispatcher = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    keepAliveTimeout: 30_000,
    // Streams may legitimately idle for minutes; the router's own timers decide.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    id: options.id,
    async send(body, { signal }) {
      // undici.request, not fetch: a third of the per-call cost; its body is handed on as it is.
      const res = await request(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "content-type": "application/json",
          accept: body.stream ? "text/event-stream" : "application/json",
        },
        body: JSON.stringify(body),
        signal,
        dispatcher,
      });
      return {
        status: res.statusCode,
        header(name) {
          const value = res.headers[name];
          return Array.isArray(value) ? value.join(", ") : value;
        },
        text: () => res.body.text(),
        body: res.body,
      };
    },
  };
}
