// The export of a candidate's data: all their applications at the company, their messages with the original
// email text, files with download links that work, the emails sent to them and received from them. The candidate's
// copy has none of the team's internal lines; nothing of another company appears.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, messages } from "../../src/db/schema";
import { conversation, db, deliver, newMessageId, sendScheduledEmails } from "../email/inbound-support";
import { linkOf, mimeWithAttachment } from "../security/support";
import { call, demoWorld, json } from "../support/http";

async function world() {
  const w = await demoWorld();
  const email = `export-${crypto.randomUUID().slice(0, 8)}@example.net`;
  const a1 = await conversation(w, email);
  await deliver(mimeWithAttachment({ from: email, to: a1.candidateAddress, msgId: newMessageId(), body: "Posílám CV.\n\n> citace", filename: "cv.pdf" }), {
    from: email,
    to: a1.candidateAddress,
  });
  const offer = await json<{ offer: { id: number } }>(await call("/api/offers", { cookie: w.jana, json: { title: "Frontend", notificationEmails: ["jobs@acme.example"] } }));
  const a2 = await json<{ applicationId: number }>(await call(`/api/offers/${offer.offer.id}/candidates`, { cookie: w.jana, json: { name: "Lukáš Procházka", email } }));
  await call(`/api/offers/${w.globex.offerId}/applications`, { json: { name: "Lukáš Procházka", email, message: "Globex only." } });
  await sendScheduledEmails();
  return { ...w, email, a1: a1.applicationId, a2: a2.applicationId };
}

interface Doc {
  person: { name: string; email: string };
  applications: { id: number; offer: { title: string } }[];
  messages: { id: number; body: string; originalBody: string | null; visibility: string; author: { kind: string } }[];
  attachments: { id: number; filename: string; url: string }[];
  emailsSent: { to: string; subject: string | null; text: string | null }[];
  emailsReceived: { from: string }[];
}

describe("export", () => {
  it("gives the admin everything of the candidate at their company, as a download", async () => {
    const w = await world();
    const res = await call(`/api/applications/${w.a2}/export`, { cookie: w.jana });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="personal-data-\d{4}-\d\d-\d\d\.json"/);
    const doc = await json<Doc>(res);
    expect(doc.person).toMatchObject({ name: "Lukáš Procházka", email: w.email });
    expect(doc.applications.map((a) => a.id)).toEqual([w.a1, w.a2]);
    expect(doc.messages.some((m) => m.visibility === "internal")).toBe(true);
    const emailed = doc.messages.find((m) => m.body.startsWith("Posílám CV."));
    expect(emailed?.originalBody).toContain("citace");
    expect(JSON.stringify(doc)).not.toContain("Globex only.");
    expect(doc.emailsSent.length).toBeGreaterThan(0);
    expect(doc.emailsSent.every((e) => e.to === w.email)).toBe(true);
    expect(doc.emailsReceived).toHaveLength(1);
    const [file] = doc.attachments;
    expect(file).toMatchObject({ filename: "cv.pdf" });
    const download = await call(new URL(file!.url).pathname, { cookie: w.jana });
    expect(download.status).toBe(200);
  });

  it("gives the candidate their own copy without the team's internal lines, with links that open their files", async () => {
    const w = await world();
    const res = await call(`/api/c/${await linkOf(w.a2)}/export`);
    expect(res.status).toBe(200);
    const doc = await json<Doc>(res);
    expect(doc.applications).toHaveLength(2);
    expect(doc.messages.length).toBeGreaterThan(0);
    expect(doc.messages.every((m) => m.visibility === "all")).toBe(true);
    const download = await call(new URL(doc.attachments[0]!.url).pathname);
    expect(download.status).toBe(200);
  });

  it("streams a long history page by page, every message in it", async () => {
    const w = await world();
    const [row] = await db.select().from(applications).where(eq(applications.id, w.a1));
    const many = Array.from({ length: 450 }, (_, i) =>
      db.insert(messages).values({
        uid: crypto.randomUUID(),
        applicationId: w.a1,
        companyId: row!.companyId,
        authorKind: "candidate",
        authorName: "L",
        channel: "web",
        body: `m${i}`,
        createdAt: Date.now(),
      }),
    );
    await db.batch(many as [(typeof many)[number], ...typeof many]);
    const res = await call(`/api/applications/${w.a1}/export`, { cookie: w.jana });
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.length).toBeGreaterThan(3);
    const doc = JSON.parse(new TextDecoder().decode(await new Blob(chunks).arrayBuffer())) as Doc;
    expect(doc.messages.filter((m) => /^m\d+$/.test(m.body))).toHaveLength(450);
    expect(new Set(doc.messages.map((m) => m.id)).size).toBe(doc.messages.length);
  });

  it("answers 404 for another company's conversation and a bad link", async () => {
    const w = await world();
    expect((await call(`/api/applications/${w.a1}/export`, { cookie: w.eva })).status).toBe(404);
    expect((await call("/api/c/1.1.AAAAAAAAAAAAAAAAAAAAAA/export")).status).toBe(404);
  });
});

describe("erasure request", () => {
  it("notifies every admin of the company once, and lists the request for them", async () => {
    const w = await world();
    const token = await linkOf(w.a1);
    const unreadBefore = (await json<{ unread: number }>(await call("/api/notifications", { cookie: w.petr }))).unread;
    expect((await call(`/api/c/${token}/erasure-request`, { method: "POST" })).status).toBe(202);
    expect((await call(`/api/c/${token}/erasure-request`, { method: "POST" })).status).toBe(202);
    const list = await json<{ notifications: { kind: string; applicationId: number; messageId: number | null }[]; unread: number }>(
      await call("/api/notifications", { cookie: w.petr }),
    );
    expect(list.notifications.filter((n) => n.kind === "erasure_request" && n.applicationId === w.a1)).toEqual([
      expect.objectContaining({ kind: "erasure_request", applicationId: w.a1, messageId: null }),
    ]);
    expect(list.unread).toBe(unreadBefore + 1);
    const requests = await json<{ requests: { applicationId: number; state: string; candidate: { email: string } }[] }>(await call("/api/erasure-requests", { cookie: w.jana }));
    expect(requests.requests.filter((r) => r.applicationId === w.a1)).toEqual([expect.objectContaining({ state: "open", candidate: expect.objectContaining({ email: w.email }) })]);
    const globex = await json<{ requests: unknown[] }>(await call("/api/erasure-requests", { cookie: w.eva }));
    expect(JSON.stringify(globex)).not.toContain(w.email);
  });
});
