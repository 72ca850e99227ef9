import { env } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { afterCommit } from "../../src/after-commit";
import { applyToOffer as apply } from "../../src/conversations/applications";
import type { Outcome } from "../../src/conversations/events";
import { DomainError } from "../../src/conversations/errors";
import { postMessage } from "../../src/conversations/post-message";
import { markReadByAdmin } from "../../src/conversations/read";
import { admins, applications, messages, notifications, outbox, readMarkers } from "../../src/db/schema";
import { seedDemo } from "../../src/dev/seed";

const db = drizzle(env.DB);
let acme: Awaited<ReturnType<typeof seedDemo>>[number];
let jana: number;
let petr: number;

beforeAll(async () => {
  [acme] = (await seedDemo(env, { conversation: false })) as [typeof acme];
  jana = acme.adminIds["jana@acme.example"]!;
  petr = acme.adminIds["petr@acme.example"]!;
});

/** What a route does: the domain write, then the after-commit step (live frames, email delivery). */
async function settled<T>(write: Promise<Outcome<T>>): Promise<T> {
  const { result, events } = await write;
  await afterCommit(env, events);
  return result;
}

const applyToOffer = (...args: Parameters<typeof apply>) => settled(apply(...args));

async function unreadOf(adminId: number) {
  const [row] = await db.select({ unread: admins.unreadCount }).from(admins).where(eq(admins.id, adminId));
  return row!.unread;
}

describe("postMessage, the one way in", () => {
  it("a candidate's message: notifications for every admin, badge counts, an email per notification address", async () => {
    const before = { jana: await unreadOf(jana), petr: await unreadOf(petr) };
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Filip", email: "filip@example.com", message: "Cover letter" });
    const posted = await postMessage(env, { applicationId, author: { kind: "candidate" }, channel: "web", body: "  Second message \r\n" });

    expect(posted.result).toMatchObject({ body: "Second message", author: { kind: "candidate", name: "Filip" }, delivery: { state: "pending" } });
    const [event, queued] = posted.events;
    expect(event).toMatchObject({ type: "message.posted", application: { id: applicationId, companyId: acme.companyId, status: "active" } });
    expect(event?.type === "message.posted" && event.notifications.map((n) => n.adminId).sort()).toEqual([jana, petr].sort());
    // The email is queued, not yet rendered: the after-commit step hands it to its scheduler, which renders it.
    expect(queued).toMatchObject({ type: "emails.queued", scope: { applicationId } });
    const [waiting] = await db.select().from(outbox).where(eq(outbox.messageId, posted.result.id));
    expect(waiting).toMatchObject({ state: "pending", subject: null, raw: null, toAddress: "jobs@acme.example" });
    await afterCommit(env, posted.events);
    expect(await unreadOf(jana)).toBe(before.jana + 2);
    expect(await unreadOf(petr)).toBe(before.petr + 2);
    const markers = await db.select().from(readMarkers).where(eq(readMarkers.applicationId, applicationId));
    expect(markers.filter((m) => m.reader.startsWith("admin:")).map((m) => m.unread)).toEqual([2, 2]);

    const mail = await db.select().from(outbox).where(eq(outbox.applicationId, applicationId)).orderBy(outbox.id);
    expect(mail.map((m) => [m.kind, m.toAddress])).toEqual([
      ["new_candidate", "jobs@acme.example"],
      ["application_received", "filip@example.com"],
      ["new_message", "jobs@acme.example"],
    ]);
    expect(mail.every((m) => m.replyTo?.endsWith("@reply.jobs.example"))).toBe(true);
    expect(mail.map((m) => m.state)).toEqual(["sent", "sent", "sent"]);
    expect(mail[0]!.raw).toContain("Auto-Submitted: auto-generated");
    expect(mail[0]!.raw).toContain("X-Auto-Response-Suppress: OOF, AutoReply");
  });

  it("an admin's message: the other admin is notified, the author is not (and has read it); the candidate gets an email", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Gita", email: "gita@example.com" });
    const janaBefore = await unreadOf(jana); // includes "Gita applied"
    const posted = await postMessage(env, { applicationId, author: { kind: "admin", adminId: jana }, channel: "web", body: "Hi Gita" });
    const [event] = posted.events;
    expect(event?.type === "message.posted" && event.notifications.map((n) => n.adminId)).toEqual([petr]);
    await afterCommit(env, posted.events);
    expect(await unreadOf(jana)).toBe(janaBefore - 1);
    const janasNotes = await db.select().from(notifications).where(eq(notifications.applicationId, applicationId));
    expect(janasNotes.filter((n) => n.adminId === jana).every((n) => n.readAt !== null)).toBe(true);
    const [mail] = await db.select().from(outbox).where(eq(outbox.messageId, posted.result.id));
    expect(mail).toMatchObject({ kind: "candidate_message", toAddress: "gita@example.com", recipientKind: "candidate" });
    expect(mail!.textBody).toMatch(new RegExp(`http://localhost:8787/c/${applicationId}\\.1\\.[A-Za-z0-9_-]{22}`));
    expect(mail!.textBody).toContain("Hi Gita");
  });

  it("reading clears the admin's badge and notifications for that conversation only", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Hana", email: "hana@example.com", message: "Hello" });
    const before = await unreadOf(petr);
    const read = await markReadByAdmin(env, { id: petr, name: "Petr Svoboda", email: "petr@acme.example", companyId: acme.companyId }, applicationId);
    expect(read.result).toBe(true);
    expect(read.events).toEqual([
      {
        type: "conversation.read",
        application: { id: applicationId, companyId: acme.companyId },
        reader: { kind: "admin", adminId: petr, name: "Petr Svoboda", unread: before - 1 },
        lastReadMessageId: expect.any(Number),
      },
    ]);
    expect(await unreadOf(petr)).toBe(before - 1);
    const left = await db.select().from(notifications).where(eq(notifications.applicationId, applicationId));
    expect(left.find((n) => n.adminId === petr)!.readAt).not.toBeNull();
    expect(left.find((n) => n.adminId === jana)!.readAt).toBeNull();
  });

  it("a rejected candidate may not write, the company may", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Ivan", email: "ivan@example.com" });
    await db.update(applications).set({ status: "rejected" }).where(eq(applications.id, applicationId));
    await expect(postMessage(env, { applicationId, author: { kind: "candidate" }, channel: "email", body: "x" })).rejects.toMatchObject({
      code: "application_rejected",
      details: { contactEmail: "kariera@acme.example" },
    });
    await expect(postMessage(env, { applicationId, author: { kind: "company", email: "jobs@acme.example" }, channel: "email", body: "Bye" })).resolves.toBeTruthy();
  });

  it("a refused write leaves no row behind: no message, notification, counter or email", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Lenka", email: "lenka@example.com" });
    await db.update(applications).set({ status: "rejected" }).where(eq(applications.id, applicationId));
    const counts = async () => ({
      messages: (await db.select().from(messages).where(eq(messages.applicationId, applicationId))).length,
      notifications: (await db.select().from(notifications).where(eq(notifications.applicationId, applicationId))).length,
      outbox: (await db.select().from(outbox).where(eq(outbox.applicationId, applicationId))).length,
      jana: await unreadOf(jana),
    });
    const before = await counts();
    const attempt = postMessage(env, { applicationId, author: { kind: "candidate" }, channel: "email", body: "late" });
    await expect(attempt).rejects.toMatchObject({ code: "application_rejected" });
    expect(await counts()).toEqual(before);
  });

  it("an application and its first message are one batch: a second application stores nothing", async () => {
    const first = await apply(env, acme.offerId, { name: "Marta", email: "marta@example.com", message: "Hello" });
    const again = apply(env, acme.offerId, { name: "Marta", email: "MARTA@example.com", message: "Hello again" });
    await expect(again).rejects.toMatchObject({ code: "already_applied", details: { applicationId: first.result } });
    const stored = await db.select().from(messages).where(eq(messages.applicationId, first.result));
    expect(stored.map((m) => m.body)).toEqual(["Hello"]);
  });

  it("an admin of another company cannot post into this conversation", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Jan", email: "jan@example.com" });
    const globexAdmin = (await seedDemo(env, { conversation: false }))[1]!.adminIds["eva@globex.example"]!;
    const attempt = postMessage(env, { applicationId, author: { kind: "admin", adminId: globexAdmin }, channel: "web", body: "x" });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
  });

  it("empty bodies without attachments are refused; message ids grow in storage order", async () => {
    const applicationId = await applyToOffer(env, acme.offerId, { name: "Karla", email: "karla@example.com" });
    await expect(postMessage(env, { applicationId, author: { kind: "candidate" }, channel: "web", body: " \n " })).rejects.toMatchObject({ code: "empty_message" });
    const a = await postMessage(env, { applicationId, author: { kind: "candidate" }, channel: "web", body: "one" });
    const b = await postMessage(env, { applicationId, author: { kind: "admin", adminId: jana }, channel: "web", body: "two" });
    expect(b.result.id).toBeGreaterThan(a.result.id);
  });
});
