import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { HubFrame } from "./fan-out";
import { adminTag, readIdentity } from "./identity";
import { acceptSocket, answerPingsWhileHibernating, closeQuietly, sendJson } from "./sockets";

/**
 * One per company: every open admin screen of that company (inbox badges, notification list). Same pattern as
 * ConversationRoom: sockets are hibernatable and tagged "admin" and "admin:<id>", so the object can sleep while
 * screens stay connected, and after a wake-up `getWebSockets(tag)` still finds each admin's tabs. Counts it
 * relays come from D1 with each frame; a screen that reconnects reloads them over HTTP.
 */
export class CompanyHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPingsWhileHibernating(ctx);
  }

  /** A WebSocket upgrade the Worker has already authenticated as an admin of this company (src/http/live.ts). */
  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request);
    if (identity?.role !== "admin") return new Response("Missing identity", { status: 400 });
    return acceptSocket(this.ctx, request, identity);
  }

  /** Each frame goes to one admin's sockets, or to every admin of the company when it names nobody. */
  async publish(frames: HubFrame[]): Promise<void> {
    for (const { adminId, event } of frames) {
      sendJson(this.ctx.getWebSockets(adminId === undefined ? "admin" : adminTag(adminId)), event);
    }
  }

  // Clients only listen here; "ping" is answered by the runtime without waking the object.
  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    closeQuietly(ws, 1011, "error");
  }
}
