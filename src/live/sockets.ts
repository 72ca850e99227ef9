import type { LiveIdentity } from "./identity";
import { socketTags } from "./identity";

/** What each socket remembers across hibernation (serializeAttachment keeps up to 2 KiB with the socket). */
export interface SocketState {
  identity: LiveIdentity;
  /** When this socket last had a typing event relayed; kept here, not in memory, so throttling survives a wake-up. */
  typingAt: number;
}

/**
 * Accepts a WebSocket upgrade the hibernatable way. `ctx.acceptWebSocket` (not `ws.accept()`) hands the socket
 * to the runtime, which may evict this object from memory while the connection stays open and recreate it
 * (running the constructor again) when a message, close or RPC arrives. So nothing may live only in fields.
 */
export function acceptSocket(ctx: DurableObjectState, request: Request, identity: LiveIdentity): Response {
  if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    return new Response("Expected a WebSocket upgrade", { status: 426 });
  }
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server, socketTags(identity));
  server.serializeAttachment({ identity, typingAt: 0 } satisfies SocketState);
  return new Response(null, { status: 101, webSocket: client });
}

/**
 * Keep-alive pings are answered by the runtime itself, without waking the object: clients send "ping" every
 * ~30 s so proxies and mobile networks do not drop an idle connection, and that costs no wake-ups.
 */
export function answerPingsWhileHibernating(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
}

export function socketState(ws: WebSocket): SocketState | null {
  return (ws.deserializeAttachment() as SocketState | null) ?? null;
}

/** Sends one JSON frame; a socket that is already closing is skipped, its close handler cleans it up. */
export function sendJson(sockets: Iterable<WebSocket>, frame: unknown): void {
  const data = JSON.stringify(frame);
  for (const ws of sockets) {
    try {
      ws.send(data);
    } catch {
      // Closed between getWebSockets() and send(): nothing to deliver, the client catches up on reconnect.
    }
  }
}

/**
 * Completes the closing handshake. Only 1000 and application codes (3000–4999) may be sent back — 1005/1006
 * are "no code" markers — and the runtime may already have answered the close frame, so closing can throw.
 */
export function closeQuietly(ws: WebSocket, code = 1000, reason = ""): void {
  const sendable = code === 1000 || (code >= 3000 && code < 5000);
  try {
    ws.close(sendable ? code : 1000, reason);
  } catch {
    // Already closed.
  }
}
