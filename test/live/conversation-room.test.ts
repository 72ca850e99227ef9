import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../src/conversations/types";
import { database } from "../../src/db/client";
import { messages, outbox, readMarkers } from "../../src/db/schema";
import { conversationRoom } from "../../src/live/fan-out";
import { connect, seedCompany } from "./helpers";

let s: Awaited<ReturnType<typeof seedCompany>>;
let room: ReturnType<typeof conversationRoom>;
beforeEach(async () => {
  s = await seedCompany(`co${Math.random().toString(36).slice(2, 8)}`);
  room = conversationRoom(env, s.applicationId);
});

const message = (id: number): MessageView => ({
  id,
  author: { kind: "admin", name: "Jana", adminId: 1 },
  channel: "web",
  body: `hello ${id}`,
  createdAt: "2026-01-02T03:04:05.000Z",
  attachments: [],
  skippedFiles: [],
  delivery: { state: "pending" },
});

async function openRoom() {
  const jana = await connect(`/api/applications/${s.applicationId}/live`, { Cookie: s.jana.cookie });
  const petr = await connect(`/api/applications/${s.applicationId}/live`, { Cookie: s.petr.cookie });
  const candidate = await connect(`/api/c/${s.candidateToken}/live`);
  return { jana, petr, candidate };
}

describe("ConversationRoom", () => {
  it("fans a frame out to admins and the candidate's copy to the candidate", async () => {
    const { jana, petr, candidate } = await openRoom();
    const { delivery: _, ...candidateCopy } = message(7);
    await room.publish({ admin: { type: "message.created", message: message(7) }, candidate: { type: "message.created", message: candidateCopy } });
    expect(await jana.next()).toEqual({ type: "message.created", message: message(7) });
    expect(await petr.next()).toEqual({ type: "message.created", message: message(7) });
    expect(await candidate.next()).toEqual({ type: "message.created", message: candidateCopy });
  });

  it("keeps admin-only frames from the candidate", async () => {
    const { jana, candidate } = await openRoom();
    await room.publish({ admin: { type: "delivery.updated", messageId: 7, delivery: { state: "sent" } } });
    expect(await jana.next()).toMatchObject({ type: "delivery.updated", messageId: 7 });
    expect(await candidate.drain()).toEqual([]);
  });

  it("relays typing to the other people only, at most once per 2 s per socket", async () => {
    const { jana, petr, candidate } = await openRoom();
    const janaTab2 = await connect(`/api/applications/${s.applicationId}/live`, { Cookie: s.jana.cookie });
    jana.send({ type: "typing" });
    jana.send({ type: "typing" });
    expect(await candidate.next()).toEqual({ type: "typing", who: { kind: "admin", name: s.jana.name } });
    expect(await petr.next()).toEqual({ type: "typing", who: { kind: "admin", name: s.jana.name, adminId: s.jana.id } });
    expect([...(await candidate.drain()), ...(await petr.drain(0)), ...(await jana.drain(0)), ...(await janaTab2.drain(0))]).toEqual([]);

    candidate.send({ type: "typing" });
    expect(await jana.next()).toEqual({ type: "typing", who: { kind: "candidate", name: "Řehoř Kandidát" } });
    expect(await petr.next()).toMatchObject({ type: "typing", who: { kind: "candidate" } });
    expect(await candidate.drain()).toEqual([]);
  });

  it("marks the conversation read for the reader and shows the seen mark to the others", async () => {
    const { jana, candidate } = await openRoom();
    const [row] = await database(env.DB)
      .insert(messages)
      .values({ uid: crypto.randomUUID(), applicationId: s.applicationId, companyId: s.companyId, authorKind: "candidate", authorName: "Řehoř", channel: "web", body: "hi", createdAt: Date.now() })
      .returning();
    await database(env.DB).run(`UPDATE applications SET last_message_id = ${row!.id} WHERE id = ${s.applicationId}` as never);
    candidate.send({ type: "read" });
    expect(await jana.next()).toEqual({ type: "read", reader: { kind: "candidate", name: "Řehoř Kandidát" }, lastReadMessageId: row!.id });
    expect((await candidate.next()).reader.kind).toBe("candidate"); // everyone hears it; the page ignores its own
    jana.send({ type: "read" });
    expect((await candidate.next()).reader).toEqual({ kind: "admin", name: s.jana.name }); // no admin id for candidates
    const [marker] = await database(env.DB).select().from(readMarkers).where(and(eq(readMarkers.applicationId, s.applicationId), eq(readMarkers.reader, `admin:${s.jana.id}`)));
    expect(marker?.lastReadMessageId).toBe(row!.id);
  });

  it("still reaches every socket, with its identity, after the object is evicted (hibernation)", async () => {
    const { jana, candidate } = await openRoom();
    await evictDurableObject(room);
    await room.publish({ admin: { type: "application.updated", application: { id: s.applicationId, status: "rejected" } }, candidate: { type: "application.updated", application: { id: s.applicationId, status: "rejected" } } });
    expect(await jana.next()).toMatchObject({ type: "application.updated" });
    expect(await candidate.next()).toMatchObject({ type: "application.updated" });
    candidate.send({ type: "typing" });
    expect(await jana.next()).toMatchObject({ type: "typing", who: { kind: "candidate", name: "Řehoř Kandidát" } });
  });

  it("answers pings without a frame of its own", async () => {
    const { jana } = await openRoom();
    jana.send("ping");
    expect(await jana.next()).toBe("pong");
  });

  it("delivers due emails from its alarm and tells admins the message's combined state", async () => {
    const { jana, candidate } = await openRoom();
    const db = database(env.DB);
    const [row] = await db
      .insert(messages)
      .values({ uid: crypto.randomUUID(), applicationId: s.applicationId, companyId: s.companyId, authorKind: "admin", authorAdminId: s.jana.id, authorName: s.jana.name, channel: "web", body: "hi", createdAt: Date.now() })
      .returning();
    const mail = { companyId: s.companyId, applicationId: s.applicationId, messageId: row!.id, kind: "candidate_message" as const, recipientKind: "candidate", fromAddress: env.MAIL_FROM, subject: "Hi", textBody: "hi", htmlBody: "<p>hi</p>", createdAt: Date.now() };
    await db.insert(outbox).values([
      { ...mail, toAddress: "cand@example.com", nextAttemptAt: Date.now() },
      { ...mail, toAddress: "later@example.com", nextAttemptAt: Date.now() + 3_600_000 },
    ]);
    await room.deliverSoon(s.applicationId); // sends what is due at once
    expect(await jana.next(5_000)).toEqual({ type: "delivery.updated", messageId: row!.id, delivery: { state: "pending" } }); // one email out, one still waiting
    expect(await candidate.drain()).toEqual([]);
    await evictDurableObject(room); // the retry alarm must find the application in storage, not in memory
    expect(await runInDurableObject(room, (_instance, state) => state.storage.get("applicationId"))).toBe(s.applicationId);
    const pending = await db.select().from(outbox).where(and(eq(outbox.messageId, row!.id), eq(outbox.state, "pending")));
    const alarmAt = await runInDurableObject(room, (_instance, state) => state.storage.getAlarm());
    expect(alarmAt).toBe(Math.min(...pending.map((p) => p.nextAttemptAt))); // re-armed for the next retry
  });
});
