import "server-only";
import { env } from "@/lib/env";
import type { ProviderId } from "@/lib/providers/catalog";
import { openAICompatibleProvider } from "@/lib/providers/openai-compatible";
import { simulateChatCompletion } from "@/lib/providers/simulator";
import { fromWebResponse, type Provider } from "@/lib/providers/types";

// The one place that decides which upstreams exist: real providers when their keys are set, the
// simulator when none is (or SIMULATOR=on). Nothing else in the code knows about simulation.

let cached: Map<ProviderId, Provider> | undefined;

export function providers(): Map<ProviderId, Provider> {
  if (cached) return cached;
  const e = env();
  const map = new Map<ProviderId, Provider>();
  if (e.MOONSHOT_API_KEY) {
    map.set(
      "moonshot",
      openAICompatibleProvider({
        id: "moonshot",
        baseUrl: e.MOONSHOT_BASE_URL,
        apiKey: e.MOONSHOT_API_KEY,
        connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      }),
    );
  }
  if (e.AIMLAPI_API_KEY) {
    map.set(
      "aimlapi",
      openAICompatibleProvider({
        id: "aimlapi",
        baseUrl: e.AIMLAPI_BASE_URL,
        apiKey: e.AIMLAPI_API_KEY,
        connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      }),
    );
  }
  if (e.SIMULATOR === "on" || (e.SIMULATOR === "auto" && map.size === 0)) {
    map.set("simulator", {
      id: "simulator",
      send: async (body, { signal, thinking }) =>
        fromWebResponse(
          await simulateChatCompletion(body, {
            signal,
            thinking,
            latencyMs: e.SIMULATOR_LATENCY_MS,
            chunkIntervalMs: e.SIMULATOR_CHUNK_INTERVAL_MS,
          }),
        ),
    });
  }
  cached = map;
  return map;
}

export function enabledProviders(): ReadonlySet<ProviderId> {
  return new Set(providers().keys());
}
