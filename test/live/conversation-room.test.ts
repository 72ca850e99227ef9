import { env, evictDurableObject, SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../src/conversations/types";
import { database } from "../../src/db/client";
import { applications, readMarkers } from "../../src/db/schema";
import { conversationRoom } from "../../src/live/fan-out";
import { storeMessage } from "../support/records";
import { APP, connect, seedCompany } from "./helpers";

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
  visibility: "all",
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

  it("only relays: a read mark sent over the socket writes nothing; one sent to the Worker comes back as a frame", async () => {
    const { jana, candidate } = await openRoom();
    const db = database(env.DB);
    const row = await storeMessage(s);
    await db.update(applications).set({ lastMessageId: row.id }).where(eq(applications.id, s.applicationId));
    const marker = async (reader: string) =>
      (
        await db
          .select()
          .from(readMarkers)
          .where(and(eq(readMarkers.applicationId, s.applicationId), eq(readMarkers.reader, reader)))
      )[0];

    candidate.send({ type: "read" });
    jana.send("ping"); // answered after the frame above was handled
    expect(await jana.next()).toBe("pong");
    expect(await marker("candidate")).toBeUndefined();

    expect((await SELF.fetch(`${APP}/api/c/${s.candidateToken}/read`, { method: "POST", headers: { Origin: APP } })).status).toBe(204);
    expect(await jana.next()).toEqual({ type: "read", reader: { kind: "candidate", name: "Řehoř Kandidát" }, lastReadMessageId: row.id });
    expect((await candidate.next()).reader.kind).toBe("candidate"); // everyone hears it; the page ignores its own
    expect((await SELF.fetch(`${APP}/api/applications/${s.applicationId}/read`, { method: "POST", headers: { Origin: APP, Cookie: s.jana.cookie } })).status).toBe(204);
    expect((await candidate.next()).reader).toEqual({ kind: "admin", name: s.jana.name }); // no admin id for candidates
    expect((await marker(`admin:${s.jana.id}`))?.lastReadMessageId).toBe(row.id);
  });

  it("still reaches every socket, with its identity, after the object is evicted (hibernation)", async () => {
    const { jana, candidate } = await openRoom();
    await evictDurableObject(room);
    await room.publish({
      admin: { type: "application.updated", application: { id: s.applicationId, status: "rejected" } },
      candidate: { type: "application.updated", application: { id: s.applicationId, status: "rejected" } },
    });
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
});
