// Vitest global setup (runs in Node, beside workerd): a real HTTP endpoint that webhooks can be delivered to.
// Its address reaches the tests as inject("webhookSink"). POST anything: recorded; a path of /status/<code> answers with that code,
// /switch/<name> with the code last PUT to it (204 until then: an endpoint that goes down and comes back). GET /received: what came, as JSON.
import { createServer } from "node:http";

/** @type {import("node:http").Server | undefined} */
let server;

/** @param {{ provide: (key: string, value: unknown) => void }} project */
export async function setup({ provide }) {
  /** @type {{ path: string, headers: object, body: string }[]} */
  const received = [];
  /** @type {Map<string | undefined, number>} */
  const switches = new Map();
  server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(received));
      return;
    }
    if (req.method === "PUT" && req.url?.startsWith("/switch/")) {
      let code = "";
      req.on("data", (chunk) => (code += chunk));
      req.on("end", () => {
        switches.set(req.url, Number(code));
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = switches.get(req.url) ?? Number(/^\/status\/(\d{3})/.exec(req.url ?? "")?.[1] ?? 204);
      res.end();
    });
  });
  // A free port of the system's choosing: two test runs at once do not collide.
  await new Promise((resolve, reject) => server?.once("error", reject).listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  provide("webhookSink", `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
}

export async function teardown() {
  await new Promise((resolve) => server?.close(resolve));
}
