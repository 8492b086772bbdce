import { simulateChatCompletion } from "@/lib/providers/simulator";
import type { ChatCompletion } from "@/lib/wire/openai";

// The simulator answers deterministically (the reply depends on the last user message), so a
// spec can ask it in-process what the upstream says to a prompt and expect a client to show that.

export interface SimulatedReply {
  content: string;
  reasoning: string | undefined;
}

/** What the simulated upstream answers to a single user message (a thinking model reasons too; JSON mode answers JSON). */
export async function simulatedReply(
  prompt: string,
  options: { thinking?: boolean; jsonMode?: boolean } = {},
): Promise<SimulatedReply> {
  const response = await simulateChatCompletion(
    {
      model: "simulated",
      messages: [{ role: "user", content: prompt }],
      ...(options.jsonMode ? { response_format: { type: "json_object" as const } } : {}),
    },
    { thinking: options.thinking ?? false },
  );
  if (!response.ok) throw new Error(`the simulator answered ${response.status}`);
  const completion = (await response.json()) as ChatCompletion;
  const message = completion.choices[0]?.message;
  const content = typeof message?.content === "string" ? message.content : "";
  return { content, reasoning: message?.reasoning_content ?? undefined };
}
