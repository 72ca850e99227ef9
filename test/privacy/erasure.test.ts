// Erasing a candidate at a company: every row and file of theirs there is gone, their links answer 404, the dev
// mailbox has no email of that company to or from them, the audit keeps counts without names, and the same person
// at another company is untouched.
import { env } from "cloudflare:test";
import { and, eq, inArray, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  admins,
  applications,
  attachments,
  candidates,
  erasedObjects,
  erasureRequests,
  erasures,
  inboundLog,
  messages,
  notifications,
  outbox,
  readMarkers,
} from "../../src/db/schema";
import { conversation, db, deliver, newMessageId, sendScheduledEmails } from "../email/inbound-support";
import { linkOf, mimeWithAttachment } from "../security/support";
import { call, demoWorld, json } from "../support/http";

async function world() {
  const w = await demoWorld();
  const email = `erase-${crypto.randomUUID().slice(0, 8)}@example.net`;
  // Two applications at Acme (applied, then added to a second offer), a reply with a file, a request to erase.
  const a1 = await conversation(w, email);
  const reply = await deliver(mimeWithAttachment({ from: email, to: a1.candidateAddress, msgId: newMessageId(), body: "Posílám CV.", filename: "cv.pdf" }), {
    from: email,
    to: a1.candidateAddress,
  });
  expect(reply.rejected).toBeNull();
  const offer = await json<{ offer: { id: number } }>(await call("/api/offers", { cookie: w.jana, json: { title: "Frontend", notificationEmails: ["jobs@acme.example"] } }));
  const a2 = await json<{ applicationId: number }>(await call(`/api/offers/${offer.offer.id}/candidates`, { cookie: w.jana, json: { name: "Lukáš Procházka", email } }));
  expect((await call(`/api/c/${await linkOf(a1.applicationId)}/erasure-request`, { method: "POST" })).status).toBe(202);
  // The same person at Globex.
  const g = await json<{ applicationId: number }>(
    await call(`/api/offers/${w.globex.offerId}/applications`, { json: { name: "Lukáš Procházka", email, message: "Hello Globex." } }),
  );
  await sendScheduledEmails();
  return { ...w, email, acmeApps: [a1.applicationId, a2.applicationId], globexApp: g.applicationId };
}

/** Everything D1 holds about these applications or this address at this company. */
async function leftOf(companyId: number, apps: number[], email: string) {
  const [files] = await Promise.all([db.select({ key: attachments.r2Key }).from(attachments).where(inArray(attachments.applicationId, apps))]);
  return {
    candidates: await db
      .select()
      .from(candidates)
      .where(and(eq(candidates.companyId, companyId), eq(candidates.email, email))),
    applications: await db
      .select()
      .from(applications)
      .where(or(inArray(applications.id, apps), and(eq(applications.companyId, companyId), eq(applications.candidateEmail, email)))),
    messages: await db.select().from(messages).where(inArray(messages.applicationId, apps)),
    attachments: files,
    notifications: await db.select().from(notifications).where(inArray(notifications.applicationId, apps)),
    readMarkers: await db.select().from(readMarkers).where(inArray(readMarkers.applicationId, apps)),
    outbox: await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.companyId, companyId), or(inArray(outbox.applicationId, apps), eq(outbox.toAddress, email)))),
    inbound: await db.select().from(inboundLog).where(inArray(inboundLog.applicationId, apps)),
    requests: await db.select().from(erasureRequests).where(inArray(erasureRequests.applicationId, apps)),
  };
}

describe("erasure", () => {
  it("erases everything of the candidate at this company, and only there", async () => {
    const w = await world();
    const before = await leftOf(w.acme.companyId, w.acmeApps, w.email);
    expect(before.attachments).toHaveLength(1);
    expect(before.inbound.length).toBeGreaterThan(0);
    expect(before.requests).toHaveLength(1);
    const r2 = [...before.attachments.map((a) => a.key), ...before.inbound.map((i) => i.rawKey!)];
    for (const key of r2) expect(await env.FILES.head(key)).not.toBeNull();
    const globexBefore = await leftOf(w.globex.companyId, [w.globexApp], w.email);
    const janaId = w.acme.adminIds["jana@acme.example"]!;

    const res = await call(`/api/applications/${w.acmeApps[0]}/erase`, { method: "POST", cookie: w.jana });
    expect(res.status).toBe(200);
    const { erased } = await json(res);
    expect(erased).toEqual({ applications: 2, messages: before.messages.length, files: 1, emails: before.outbox.length + before.inbound.length });

    const after = await leftOf(w.acme.companyId, w.acmeApps, w.email);
    for (const [table, rows] of Object.entries(after)) expect(rows, table).toEqual([]);
    for (const key of r2) expect(await env.FILES.head(key), key).toBeNull();
    expect(await db.select().from(erasedObjects).where(inArray(erasedObjects.r2Key, r2))).toEqual([]);

    // Their links and the admin's answer 404; the mailbox has no email of Acme to them.
    for (const id of w.acmeApps) {
      expect((await call(`/api/applications/${id}`, { cookie: w.jana })).status).toBe(404);
      expect((await call(`/api/c/${await linkOf(id)}/messages`)).status).toBe(404);
      expect((await call(`/c/${await linkOf(id)}`)).status).toBe(404);
    }
    const mailbox = await json<{ emails: { id: number; to: string[] }[] }>(await call("/dev/mailbox.json"));
    const globexIds = new Set(globexBefore.outbox.map((o) => o.id));
    expect(mailbox.emails.filter((e) => e.to.includes(w.email) && !globexIds.has(e.id))).toEqual([]);

    // Globex's data of the same person is all still there.
    expect(await leftOf(w.globex.companyId, [w.globexApp], w.email)).toEqual(globexBefore);
    expect((await call(`/api/applications/${w.globexApp}/messages`, { cookie: w.eva })).status).toBe(200);

    // The audit: who, when, how much; nothing of the person.
    const [audit] = await db.select().from(erasures).where(eq(erasures.companyId, w.acme.companyId)).orderBy(erasures.id).limit(1);
    expect(audit).toMatchObject({ adminId: janaId, adminName: "Jana Nováková", cause: "request", ...erased });
    expect(JSON.stringify(audit)).not.toContain(w.email);
    expect(JSON.stringify(audit)).not.toContain("Procházka");

    // Badge counters lost the erased notifications.
    const [jana] = await db.select().from(admins).where(eq(admins.id, janaId));
    const unread = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.adminId, janaId)));
    expect(jana!.unreadCount).toBe(unread.filter((n) => n.readAt === null).length);

    // Again: the application is gone.
    expect((await call(`/api/applications/${w.acmeApps[0]}/erase`, { method: "POST", cookie: w.jana })).status).toBe(404);
  });

  it("is not another company's to erase", async () => {
    const w = await world();
    expect((await call(`/api/applications/${w.acmeApps[0]}/erase`, { method: "POST", cookie: w.eva })).status).toBe(404);
    expect((await call(`/api/applications/${w.acmeApps[0]}`, { cookie: w.jana })).status).toBe(200);
  });
});
