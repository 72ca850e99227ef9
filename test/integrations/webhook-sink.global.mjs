// Vitest global setup (runs in Node, beside workerd): a real HTTP endpoint that webhooks can be delivered to.
// POST anything: recorded; a path of /status/<code> answers with that code. GET /received: what came, as JSON.
import { createServer } from "node:http";

export const SINK_PORT = 18787;
/** @type {import("node:http").Server | undefined} */
let server;

export async function setup() {
  /** @type {{ path: string, headers: object, body: string }[]} */
  const received = [];
  server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(received));
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = Number(/^\/status\/(\d{3})/.exec(req.url ?? "")?.[1] ?? 204);
      res.end();
    });
  });
  await new Promise((resolve, reject) => server?.once("error", reject).listen(SINK_PORT, "127.0.0.1", () => resolve(undefined)));
}

export async function teardown() {
  await new Promise((resolve) => server?.close(resolve));
}
