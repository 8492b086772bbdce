import { stat } from "node:fs/promises";
import net from "node:net";
import { BASE_URL, creditState, expect, test } from "../fixtures";
import { ownPort } from "../own-server";
import { type CodexRun, processesMentioning, runCodex } from "../support/codex";
import { simulatedReply } from "../support/simulated";

// The real Codex CLI (`codex exec`, Responses API with store:false) against the production server,
// in a loopback-only network namespace (e2e/support/codex.ts). The simulated upstream is
// deterministic; `[[sim:tool-arg=cmd:…]]` makes its tool call carry the command Codex is to run.

test.use({ accountOptions: { credits: 20 } });
test.setTimeout(90_000);

const TOOL_PROMPT = "Run exec_command to print a greeting [[sim:tool-arg=cmd:echo kimi-codex-ok]]";

/** The `--json` events of one type. */
const eventsOf = (run: CodexRun, type: string) => run.events.filter((event) => event.type === type);

/** The completed items of one type (agent_message, command_execution, reasoning…). */
function items(run: CodexRun, type: string): Array<Record<string, unknown>> {
  return eventsOf(run, "item.completed")
    .map((event) => event.item as Record<string, unknown>)
    .filter((item) => item.type === type);
}

/** A failed run's own words, so a failure report shows what Codex said. */
const transcript = (run: CodexRun) => `exit ${run.exitCode}\n${run.stdout}\n${run.stderr}`;

async function expectCleanedUp(run: CodexRun) {
  expect(await processesMentioning(run.tempDir)).toEqual([]);
  const left = await stat(run.tempDir).then(
    () => true,
    () => false,
  );
  expect(left).toBe(false);
}

test("codex exec completes a turn with our reply, for one credit", async ({ account }) => {
  const run = await runCodex({
    serverUrl: BASE_URL,
    apiKey: account.key,
    model: "kimi-k2",
    prompt: "say hello",
  });
  expect(run.exitCode, transcript(run)).toBe(0);
  const expected = (await simulatedReply("say hello")).content;
  expect(run.lastMessage.trim()).toBe(expected.trim());
  expect(eventsOf(run, "turn.completed")).toHaveLength(1);
  expect((await creditState(account.id)).balance).toBe(19);
  await expectCleanedUp(run);
});

test("codex exec runs the shell command the model calls for and answers with its output", async ({
  account,
}) => {
  const run = await runCodex({
    serverUrl: BASE_URL,
    apiKey: account.key,
    model: "kimi-k2",
    prompt: TOOL_PROMPT,
  });
  expect(run.exitCode, transcript(run)).toBe(0);
  const commands = items(run, "command_execution");
  expect(commands).toEqual([
    expect.objectContaining({
      command: expect.stringContaining("echo kimi-codex-ok"),
      exit_code: 0,
      aggregated_output: expect.stringContaining("kimi-codex-ok"),
    }),
  ]);
  // The second request carried the command's output back; the simulator cites it.
  expect(run.lastMessage).toMatch(/^The `exec_command` tool returned: .*kimi-codex-ok/s);
  // Two model calls: the tool call, and the reply to its output.
  expect((await creditState(account.id)).balance).toBe(18);
});

test("a thinking model's tool loop keeps its reasoning through store:false", async ({ account }) => {
  // Codex sends store:false with include reasoning.encrypted_content and hands the reasoning item
  // back with the call's output; the upstream refuses a thinking model's tool-call turn without it.
  const run = await runCodex({
    serverUrl: BASE_URL,
    apiKey: account.key,
    model: "kimi-k2-thinking",
    prompt: TOOL_PROMPT,
    config: { model_reasoning_effort: "low" },
  });
  expect(run.exitCode, transcript(run)).toBe(0);
  expect(items(run, "command_execution")).toEqual([
    expect.objectContaining({ exit_code: 0, aggregated_output: expect.stringContaining("kimi-codex-ok") }),
  ]);
  expect(run.lastMessage).toMatch(/^The `exec_command` tool returned: /);
  expect((await creditState(account.id)).balance).toBe(18);
});

test("a wrong key: Codex reports our 401 through the bridge, and the run leaves nothing behind", async () => {
  const run = await runCodex({
    serverUrl: BASE_URL,
    apiKey: "sk-kimi-not-a-real-key",
    model: "kimi-k2",
    prompt: "say hello",
  });
  expect(run.exitCode).not.toBe(0);
  expect(run.timedOut).toBe(false);
  const errors = eventsOf(run, "turn.failed").map((event) => JSON.stringify(event.error));
  expect(errors).toEqual([expect.stringMatching(/401.*127\.0\.0\.1:8080\/api\/v1\/responses/)]);
  await expectCleanedUp(run);
});

test("a server that never answers: the run is killed at its deadline and leaves nothing behind", async () => {
  // Accepts connections, reads what comes, and never answers.
  const held: net.Socket[] = [];
  let received = "";
  const silent = net.createServer((socket) => {
    held.push(socket);
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
  });
  const port = ownPort(120);
  await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
  try {
    const started = Date.now();
    const run = await runCodex({
      serverUrl: `http://127.0.0.1:${port}`,
      apiKey: "sk-unused",
      model: "kimi-k2",
      prompt: "say hello",
      timeoutMs: 5_000,
    });
    expect(run.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Codex's request did cross the bridge (and was left hanging there).
    expect(received).toContain("POST /api/v1/responses HTTP/1.1");
    await expectCleanedUp(run);
  } finally {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve, reject) =>
      silent.close((error) => (error ? reject(error) : resolve())),
    );
  }
});
