import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { ConversationEvent } from "./events";
import type { RoomFrame } from "./fan-out";
import { personOf, readIdentity, type LiveIdentity } from "./identity";
import { acceptSocket, answerPingsWhileHibernating, closeQuietly, sendJson, socketState } from "./sockets";

const TYPING_THROTTLE_MS = 2_000;

/**
 * One per application: the open sockets of its conversation (admins and the candidate). It holds sockets and
 * forwards frames, nothing else: it reads and writes no D1. D1 is the truth, so a client that missed a frame
 * (dropped socket, eviction, deploy) catches up with `?after=<last message id>`.
 *
 * Sockets are accepted through the Hibernation API: when idle, the runtime evicts this object from memory and
 * keeps the connections open; the next message, close or RPC recreates it. Each socket's identity lives in its
 * attachment, so nothing is lost when that happens.
 */
export class ConversationRoom extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPingsWhileHibernating(ctx);
  }

  /** A WebSocket upgrade the Worker has already authenticated (see src/http/live.ts). */
  override async fetch(request: Request): Promise<Response> {
    const identity = readIdentity(request);
    if (!identity) return new Response("Missing identity", { status: 400 });
    return acceptSocket(this.ctx, request, identity);
  }

  /** Admins get the full frame; candidates get their copy, or nothing when the frame is admin-only. */
  async publish(frame: RoomFrame): Promise<void> {
    sendJson(this.ctx.getWebSockets("admin"), frame.admin);
    if (frame.candidate) sendJson(this.ctx.getWebSockets("candidate"), frame.candidate);
  }

  /**
   * Client frames: `{"type":"typing"}`, relayed; anything else is ignored. (Read marks are writes: clients send
   * them to the Worker over HTTP, and they come back here as frames like every other event.)
   */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const state = socketState(ws);
    if (!state || typeof message !== "string") return;
    let type: unknown;
    try {
      type = (JSON.parse(message) as { type?: unknown }).type;
    } catch {
      return;
    }
    if (type !== "typing") return;
    const now = Date.now();
    if (now - state.typingAt < TYPING_THROTTLE_MS) return;
    ws.serializeAttachment({ ...state, typingAt: now });
    this.relayTyping(state.identity);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    closeQuietly(ws, 1011, "error");
  }

  /** "… is typing" goes to the other people in the room: not back to the typist's own tabs. */
  private relayTyping(who: LiveIdentity): void {
    const admin: ConversationEvent =
      who.role === "admin" ? { type: "typing", who: { kind: "admin", name: who.name, adminId: who.adminId } } : { type: "typing", who: { kind: "candidate", name: who.name } };
    const candidate: ConversationEvent = { type: "typing", who: { kind: who.role, name: who.name } };
    const others = (ws: WebSocket) => {
      const identity = socketState(ws)?.identity;
      return identity !== undefined && personOf(identity) !== personOf(who);
    };
    sendJson(this.ctx.getWebSockets("admin").filter(others), admin);
    sendJson(this.ctx.getWebSockets("candidate").filter(others), candidate);
  }
}
