import http from "node:http";
import type net from "node:net";

// Clients for tests over real HTTP: an upload whose body goes out chunked, at the test's pace, and
// a raw connection read until the server closes it.

export interface Upload {
  /** Body bytes written so far. */
  sent: number;
  /** Writes `bytes` more (x's, in 16 KiB chunks), waiting out backpressure; stops once answered. */
  write(bytes: number): Promise<void>;
  /** Ends the body. */
  end(): void;
  /** The answer, read whole; the upload is then abandoned. */
  response: Promise<{ status: number; type?: string; requestId?: string; body: string }>;
}

/**
 * A POST whose body goes out as the test writes it: chunked, unless `headers` declare a
 * content-length. Without an agent, it asks for its connection to be closed after the answer.
 */
export function chunkedUpload(port: number, path: string, headers: Record<string, string> = {}): Upload {
  const req = http.request({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    agent: false,
    headers: "content-length" in headers ? headers : { "transfer-encoding": "chunked", ...headers },
  });
  let answered = false;
  const chunk = Buffer.alloc(16 * 1024, "x");
  const upload: Upload = {
    sent: 0,
    async write(bytes) {
      for (let left = bytes; left > 0 && !answered; ) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left));
        left -= piece.length;
        upload.sent += piece.length;
        if (!req.write(piece))
          await new Promise<void>((resolve) => {
            const done = () => {
              req.off("drain", done).off("response", done);
              resolve();
            };
            req.once("drain", done).once("response", done);
          });
      }
    },
    end: () => void req.end(),
    response: new Promise((resolve, reject) => {
      req.on("error", reject);
      req.once("response", (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.once("end", () => {
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"],
            requestId: res.headers["x-request-id"] as string | undefined,
            body,
          });
        });
      });
    }),
  };
  return upload;
}

/** Everything the server sends on a raw connection until it closes, and when it closed. */
export function untilClosed(socket: net.Socket): Promise<{ text: string; at: number }> {
  let text = "";
  socket.on("data", (chunk: Buffer) => {
    text += chunk.toString("latin1");
  });
  return new Promise((resolve) => socket.once("close", () => resolve({ text, at: Date.now() })));
}
