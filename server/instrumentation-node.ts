import { writeRequestLogsAtOnce } from "@/lib/data/request-log";
import { ensureMigrated } from "@/lib/db";
import { answerFlushRequests, answerMetricsRequests, hasParent } from "@/lib/ipc";
import { metricsAsJson } from "@/lib/metrics";

// What instrumentation.ts runs on the Node.js runtime, apart so that Next's Edge compile of
// instrumentation.ts never sees a Node API.
export async function registerNode() {
  // Under the production server (server/main.ts) Next is a child process. Before stopping it
  // the parent asks it to write the request logs it holds (lib/ipc.ts), then sends SIGTERM; a
  // SIGTERM from anyone else still starts the write at once. If the parent goes, the child goes
  // too, rather than hold its port as an orphan. The parent's /metrics includes this process's.
  if (hasParent()) {
    answerFlushRequests(writeRequestLogsAtOnce);
    answerMetricsRequests(metricsAsJson);
    process.once("SIGTERM", () => void writeRequestLogsAtOnce());
    process.once("disconnect", () => {
      writeRequestLogsAtOnce().finally(() => process.exit(0));
    });
  }
  await ensureMigrated();
}
