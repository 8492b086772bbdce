// The benchmark's second baseline: the least a Node.js gateway can do — read the request, send it
// upstream over the same keep-alive undici pool the gateway uses, parse the JSON answer and write
// it back. No auth, credits, limits or logs. What the real gateway adds on top of this is the cost
// of those; what this adds on top of a direct call is the cost of the extra HTTP hop itself.
//   node --import tsx scripts/bench/bare-proxy.ts --port P --upstream URL
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";

const { values } = parseArgs({
  options: { port: { type: "string" }, upstream: { type: "string" } },
  strict: true,
});
if (!values.port || !values.upstream) {
  console.error("usage: bare-proxy.ts --port P --upstream URL");
  process.exit(2);
}
const upstream = values.upstream;
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    request(upstream, {
      method: "POST",
      headers: { authorization: "Bearer sk-bench", "content-type": "application/json" },
      body: Buffer.concat(chunks),
      dispatcher,
    })
      .then(async (up) => {
        const text = JSON.stringify(JSON.parse(await up.body.text()));
        res.writeHead(up.statusCode, {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(text),
        });
        res.end(text);
      })
      .catch((error: unknown) => {
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end(String(error));
      });
  });
}).listen(Number(values.port), "127.0.0.1", () => console.log("listening"));
