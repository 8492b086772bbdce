// How the operator CLI gets a password without it showing in `ps` or the shell history: one line
// from stdin (`--password-stdin`), or a prompt on the terminal that does not echo what is typed.
import readline from "node:readline";
import { Writable } from "node:stream";

/** The first line of `input` without its line ending; null when the input ends with no line. */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string | null> {
  const rl = readline.createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) return line;
    return null;
  } finally {
    rl.close();
  }
}

/**
 * Asks for a line on a terminal with echo off: readline runs in terminal mode (raw input, its own
 * line editing) but writes its echo to a sink; only the question goes to `output`.
 */
export function promptHidden(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input, output: sink, terminal: true });
  output.write(question);
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      output.write("\n");
      rl.close();
      resolve(line);
    });
    // In raw mode Ctrl-C reaches readline, not the process: treat it like Ctrl-D.
    rl.once("SIGINT", () => rl.close());
    // Ctrl-D (or Ctrl-C): readline closes without a line.
    rl.once("close", () => {
      if (!answered) {
        output.write("\n");
        reject(new Error("no password entered"));
      }
    });
  });
}
