import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { database } from "../db/client";
import { deliverDue } from "../email/delivery";
import { markReadByAdmin, markReadByCandidate } from "../conversations/read";
import { deliveryFrames } from "./delivery-frames";
import type { ConversationEvent } from "./events";
import type { RoomFrame } from "./fan-out";
import { APPLICATION_HEADER, personOf, readIdentity, type LiveIdentity } from "./identity";
import { acceptSocket, answerPingsWhileHibernating, closeQuietly, sendJson, socketState } from "./sockets";

const TYPING_THROTTLE_MS = 2_000;
const APPLICATION_KEY = "applicationId";
/** When the alarm checks again if a delivery started by deliverSoon() did not finish. */
const SAFETY_NET_MS = 60_000;

/**
 * One per application: the open sockets of its conversation (admins and the candidate) and the timer that
 * delivers its emails. It relays and decides nothing; D1 is the truth, so a client that missed a frame
 * (dropped socket, eviction, deploy) catches up with `?after=<last message id>`.
 *
 * Sockets are accepted through the Hibernation API: when idle, the runtime evicts this object from memory and
 * keeps the connections open; the next message, close, RPC or alarm recreates it. Each socket's identity lives
 * in its attachment and the application id in storage, so nothing is lost when that happens.
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
    const applicationId = Number(request.headers.get(APPLICATION_HEADER));
    if (Number.isSafeInteger(applicationId) && applicationId > 0) await this.rememberApplication(applicationId);
    return acceptSocket(this.ctx, request, identity);
  }

  /** Admins get the full frame; candidates get their copy, or nothing when the frame is admin-only. */
  async publish(frame: RoomFrame): Promise<void> {
    sendJson(this.ctx.getWebSockets("admin"), frame.admin);
    if (frame.candidate) sendJson(this.ctx.getWebSockets("candidate"), frame.candidate);
  }

  /**
   * A message with emails was committed: send those emails (and only those: a request never waits on another's)
   * now, within the request that committed it, so the sender's answer comes after its emails left (with the
   * Message-IDs they went out with). A safety-net alarm is armed first: whatever this call does not finish (a
   * failed send, an eviction mid-way) the alarm retries. Without `outboxIds` (the sweep) it sends all that is due.
   */
  async deliverSoon(applicationId: number, outboxIds?: number[]): Promise<void> {
    await this.rememberApplication(applicationId);
    await this.ctx.storage.setAlarm(Date.now() + SAFETY_NET_MS);
    const next = await this.deliver(applicationId, outboxIds);
    // Done: the safety net gives way to the next retry, if any (the cron sweep covers a call that overlapped).
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  /**
   * Retries what is due. If this throws, the runtime retries the alarm with backoff; rows it never reaches are
   * picked up by the cron sweep, so an email is late at worst, never lost.
   */
  override async alarm(): Promise<void> {
    const applicationId = await this.ctx.storage.get<number>(APPLICATION_KEY);
    if (applicationId === undefined) return;
    const next = await this.deliver(applicationId);
    // deliverSoon() may have run while we awaited D1 (the object takes new calls during I/O): never postpone
    // its alarm. While this handler runs, getAlarm() shows only an alarm set since it started.
    const pending = await this.ctx.storage.getAlarm();
    if (next !== null && (pending === null || pending > next)) await this.ctx.storage.setAlarm(next);
  }

  /** Sends what is due, tells admins the new delivery states; returns when the next retry is due, if any. */
  private async deliver(applicationId: number, outboxIds?: number[]): Promise<number | null> {
    const { changed, nextAttemptAt } = await deliverDue(this.env, { applicationId, outboxIds });
    const frames = await deliveryFrames(database(this.env.DB), applicationId, changed.map((c) => c.messageId));
    for (const admin of frames) await this.publish({ admin });
    return nextAttemptAt;
  }

  /** Client frames: `{"type":"typing"}` and `{"type":"read"}`; anything else is ignored. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const state = socketState(ws);
    if (!state || typeof message !== "string") return;
    let type: unknown;
    try {
      type = (JSON.parse(message) as { type?: unknown }).type;
    } catch {
      return;
    }
    if (type === "typing") {
      const now = Date.now();
      if (now - state.typingAt < TYPING_THROTTLE_MS) return;
      ws.serializeAttachment({ ...state, typingAt: now });
      this.relayTyping(state.identity);
    } else if (type === "read") {
      await this.markRead(state.identity);
    }
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
      who.role === "admin"
        ? { type: "typing", who: { kind: "admin", name: who.name, adminId: who.adminId } }
        : { type: "typing", who: { kind: "candidate", name: who.name } };
    const candidate: ConversationEvent = { type: "typing", who: { kind: who.role, name: who.name } };
    const others = (ws: WebSocket) => {
      const identity = socketState(ws)?.identity;
      return identity !== undefined && personOf(identity) !== personOf(who);
    };
    sendJson(this.ctx.getWebSockets("admin").filter(others), admin);
    sendJson(this.ctx.getWebSockets("candidate").filter(others), candidate);
  }

  private async markRead(who: LiveIdentity): Promise<void> {
    const applicationId = await this.ctx.storage.get<number>(APPLICATION_KEY);
    if (applicationId === undefined) return;
    if (who.role === "admin") {
      await markReadByAdmin(this.env, { id: who.adminId, name: who.name, email: who.email, companyId: who.companyId }, applicationId);
    } else {
      await markReadByCandidate(this.env, applicationId, who.name);
    }
  }

  // The id names this object (idFromName("application:<id>")), but an object cannot read its own name back.
  private async rememberApplication(applicationId: number): Promise<void> {
    if ((await this.ctx.storage.get<number>(APPLICATION_KEY)) !== applicationId) {
      await this.ctx.storage.put(APPLICATION_KEY, applicationId);
    }
  }
}
