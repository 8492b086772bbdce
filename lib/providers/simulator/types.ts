// The simulator's request and options types, shared by its modules.

import type { ChatCompletionRequest } from "@/lib/wire/openai";

export type SimulatorRequest = ChatCompletionRequest & { model: string };

export interface SimulatorOptions {
  signal?: AbortSignal;
  /** Delay before the response (and so its first byte). */
  latencyMs?: number;
  /** Pause between stream chunks. */
  chunkIntervalMs?: number;
  /** Probability (0–1) of an HTTP 500. */
  failRate?: number;
  /** Whether the model reasons first when the request does not say (`thinking`); defaults by model id. */
  thinking?: boolean;
  random?: () => number;
  /** Lets a directive such as `[[sim:fail=500@primary]]` target one of several simulated routes. */
  name?: string;
}
