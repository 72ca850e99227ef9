// WebSocket client with request headers (Cookie, Origin): the `ws` package (a dependency of wrangler/miniflare),
// since Node's global WebSocket cannot set a Cookie header.
import { createRequire } from "node:module";
import { ROOT } from "./wrangler.mjs";

const require = createRequire(`${ROOT}/package.json`);
const WebSocket = require("ws");

/** Opens one socket; resolves when open, rejects on error, unexpected response or after timeoutMs. */
export function openSocket(url, headers, onFrame, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: timeoutMs });
    ws.on("message", (data) => onFrame(data.toString()));
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => reject(new Error(`upgrade refused: ${res.statusCode} ${body.slice(0, 300)}`)));
    });
    ws.once("error", reject);
  });
}

/** Opens n sockets, `parallel` at a time; returns them and how long it took. */
export async function openSockets(n, url, headers, onFrame, parallel = 50) {
  const sockets = [];
  const started = performance.now();
  for (let i = 0; i < n; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, n - i) }, () => openSocket(url, headers, onFrame));
    sockets.push(...(await Promise.all(batch)));
  }
  return { sockets, ms: performance.now() - started };
}

export async function closeSockets(sockets) {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 3000);
          ws.once("close", () => {
            clearTimeout(t);
            resolve();
          });
          ws.close(1000);
        }),
    ),
  );
}
