// The simulator's public face: what the provider registry and the simulator server import.

export { simulateChatCompletion, simulatorError } from "./http";
export { estimateTokens } from "./text";
export type { SimulatorOptions, SimulatorRequest } from "./types";
