import net from "node:net";

// For tests that need HTTP/1.1 on one socket of their own (the next request on the same
// connection, sent the moment the previous answer is in): raw writes, whole answers back.

export interface RawConnection {
  write(data: string): void;
  /** The next whole answer (headers, then its Content-Length bytes or a chunked body's end); rejects if the connection closes first. */
  response(): Promise<string>;
  destroy(): void;
}

/** One whole HTTP/1.1 response at the start of `s`. */
function whole(s: string): boolean {
  const head = s.indexOf("\r\n\r\n");
  if (head === -1) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(s.slice(0, head))?.[1];
  return length === undefined ? s.endsWith("\r\n0\r\n\r\n") : s.length >= head + 4 + Number(length);
}

/** Connects; `label` names the connection in the error a premature close gives. */
export async function rawConnection(port: number, host: string, label: string): Promise<RawConnection> {
  const socket = net.connect(port, host);
  let received = "";
  let wanted: (() => void) | undefined;
  const closed = new Promise<never>((_, reject) => {
    socket.once("error", reject);
    socket.once("close", () => reject(new Error(`${label}: connection closed; received: ${received}`)));
  });
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
    if (whole(received)) wanted?.();
  });
  await Promise.race([new Promise<void>((resolve) => socket.once("connect", resolve)), closed]);
  return {
    write: (data) => void socket.write(data),
    async response() {
      if (!whole(received)) await Promise.race([new Promise<void>((resolve) => (wanted = resolve)), closed]);
      const text = received;
      received = "";
      return text;
    },
    destroy: () => socket.destroy(),
  };
}
