// A built-in upstream that answers exactly as Moonshot's POST /v1/chat/completions would — status
// codes, JSON bodies, SSE chunks, reasoning_content, tool calls, usage — so the gateway runs and is
// tested offline through the same code path as a real provider. Replies are deterministic: the same
// request gives the same text, which keeps tests and demos reproducible.

// This index is what the provider registry and the simulator server import.

export { simulateChatCompletion, simulatorError } from "./http";
export { estimateTokens } from "./text";
export type { SimulatorOptions, SimulatorRequest } from "./types";
