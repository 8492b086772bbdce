import type { IncomingMessage, ServerResponse } from "node:http";
import { readiness } from "@/lib/health/readiness";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";

// GET /api/ready, answered by the gateway itself: its Redis connection is the one API calls use,
// and only it knows that the server is draining (told to stop, finishing what is in flight).

export function isReadyProbe(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.url === "/api/ready" || req.url?.startsWith("/api/ready?") === true);
}

export async function answerReady(res: ServerResponse, draining: boolean): Promise<void> {
  const { status, body } = await readiness({ draining });
  const json = JSON.stringify(body);
  res
    .writeHead(status, {
      ...API_SECURITY_HEADERS,
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(json),
      "Cache-Control": "no-store",
      // A draining server also asks the client not to reuse this connection.
      ...(draining ? { Connection: "close" } : {}),
    })
    .end(json);
}
