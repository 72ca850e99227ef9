// Yardstick: POST /message inserts one D1 row and has one Durable Object broadcast it to all its hibernatable
// WebSockets; GET /live upgrades into that object. No auth, no notifications, no email.
import { DurableObject } from "cloudflare:workers";

interface Env {
  DB: D1Database;
  ROOM: DurableObjectNamespace<Room>;
}

export class Room extends DurableObject<Env> {
  override async fetch(_request: Request): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async broadcast(frame: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
      } catch {}
    }
  }

  override async webSocketMessage(): Promise<void> {}
  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code);
    } catch {}
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const room = env.ROOM.get(env.ROOM.idFromName("room"));
    if (url.pathname === "/live") {
      if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("upgrade", { status: 426 });
      return room.fetch(request);
    }
    if (url.pathname === "/message" && request.method === "POST") {
      const { body } = (await request.json()) as { body: string };
      const now = Date.now();
      let roundTrips = 0; // D1 calls before answering, reported like the project's meter (`X-Measure-D1: 1`)
      roundTrips += 1;
      const row = await env.DB.prepare("INSERT INTO messages (room, author, body, created_at) VALUES (?, ?, ?, ?) RETURNING id")
        .bind("room", "Jana Nováková", body, now)
        .first<{ id: number }>();
      const message = {
        id: row!.id,
        author: { kind: "admin", name: "Jana Nováková", adminId: 1 },
        channel: "web",
        body,
        createdAt: new Date(now).toISOString(),
        attachments: [],
        delivery: { state: "pending" },
      };
      await room.broadcast(JSON.stringify({ type: "message.created", message }));
      const headers: Record<string, string> = request.headers.get("X-Measure-D1") === "1" ? { "X-D1-Round-Trips": String(roundTrips) } : {};
      return Response.json({ message }, { status: 201, headers });
    }
    return new Response("not found", { status: 404 });
  },
};
