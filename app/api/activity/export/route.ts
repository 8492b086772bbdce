// GET /api/activity/export — the current filter of the activity view as CSV, streamed, newest first, bounded.
import { ACTIVITY_CSV_HEADER, activityCsvLine, MAX_EXPORT_ROWS } from "@/lib/activity/csv";
import { parseActivityQuery } from "@/lib/activity/query";
import { assertOwnKeyFilter, eachActivityRow } from "@/lib/data/activity";
import { withSession } from "@/lib/http/session";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ req, user }) => {
  const { filter } = parseActivityQuery(new URL(req.url).searchParams);
  await assertOwnKeyFilter({ userId: user.id, filter });
  const rows = eachActivityRow({ userId: user.id, filter, max: MAX_EXPORT_ROWS });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(ACTIVITY_CSV_HEADER));
    },
    // One database batch per pull, so a slow download holds back the reading.
    async pull(controller) {
      try {
        let text = "";
        for (let i = 0; i < 500; i++) {
          const next = await rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += activityCsvLine(next.value);
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        logger.error({ err: error }, "activity export failed");
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kimi-activity-${day}.csv"`,
    },
  });
});
