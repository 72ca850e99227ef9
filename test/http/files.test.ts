// Files on the web (CONTRACT.md "Files on the web"): multipart uploads on applying and in both composers, the
// limits and refused kinds, downloads only for the conversation's own people, and emails that link each file.
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { attachments } from "../../src/db/schema";
import { candidateLinkFor } from "../../src/conversations/candidate-link";
import { companyScope } from "../../src/db/company-scope";
import { outboxOf, sendScheduledEmails } from "../email/inbound-support";
import { call, demoWorld, json } from "../support/http";

const db = database(env.DB);
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const pdf = (name = "CV Lukáš.pdf", size = 2000) =>
  new File([new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...new Uint8Array(size)])], name, { type: "application/pdf" });
let n = 0;
async function apply(multipart: { fields?: Record<string, string>; files?: File[] }) {
  return call(`/api/offers/${world.acme.offerId}/applications`, {
    multipart: { ...multipart, fields: { name: "Lukáš Procházka", email: `files-${++n}@example.net`, ...multipart.fields } },
  });
}
async function tokenOf(applicationId: number) {
  const app = await companyScope(db, world.acme.companyId).application(applicationId);
  return (await candidateLinkFor(env, app!)).token;
}
async function messagesOf(applicationId: number) {
  return (await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }))).messages as {
    id: number;
    body: string;
    author: { kind: string };
    attachments: { id: number; filename: string; contentType: string; size: number }[];
  }[];
}

describe("applying with a CV", () => {
  it("puts the files on the first message, by the candidate, even without a cover letter", async () => {
    const res = await apply({ files: [pdf(), new File(["Reference letter"], "reference.txt", { type: "text/plain" })] });
    expect(res.status).toBe(201);
    const { applicationId } = await json(res);
    const [first] = await messagesOf(applicationId);
    expect(first).toMatchObject({ author: { kind: "candidate" }, body: "" });
    expect(first!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["CV Lukáš.pdf", "application/pdf"],
      ["reference.txt", "text/plain"],
    ]);
    expect(first!.attachments[0]!.size).toBe(2009);
  });

  it("keeps the cover letter with the files, and the JSON form still works", async () => {
    const { applicationId } = await json(await apply({ fields: { message: "Dobrý den, posílám CV." }, files: [pdf()] }));
    expect((await messagesOf(applicationId))[0]).toMatchObject({ body: "Dobrý den, posílám CV.", attachments: [expect.objectContaining({ filename: "CV Lukáš.pdf" })] });
    const plain = await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Json Jana", email: "json-apply@example.net" } });
    expect(plain.status).toBe(201);
  });

  it("refuses programs and pages by their bytes or name (415), and too large files (413), storing nothing", async () => {
    const before = (await db.select().from(attachments)).length;
    const refused: [File, number][] = [
      [new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3])], "cv.pdf", { type: "application/pdf" }), 415],
      [new File(["<!DOCTYPE html><script>alert(1)</script>"], "cv.txt", { type: "text/plain" }), 415],
      [new File(["<svg xmlns='http://www.w3.org/2000/svg'/>"], "photo.svg", { type: "image/svg+xml" }), 415],
      [new File(["echo hi"], "run.sh", { type: "application/octet-stream" }), 415],
      [pdf("big.pdf", 10 * 1024 * 1024), 413],
    ];
    for (const [file, status] of refused) {
      const res = await apply({ files: [file] });
      expect(res.status, file.name).toBe(status);
      expect((await json(res)).error).toBe(status === 415 ? "unsupported_file" : "too_large");
    }
    // Three files of 9 MB: each allowed, together over 25 MB.
    const together = await apply({ files: [pdf("a.pdf", 9_000_000), pdf("b.pdf", 9_000_000), pdf("c.pdf", 9_000_000)] });
    expect(together.status).toBe(413);
    expect((await db.select().from(attachments)).length).toBe(before);
    expect((await env.FILES.list({ prefix: "attachments/" })).objects.length).toBe(before);
  });
});

describe("files in the composers", () => {
  it("lets the admin send only files, and the candidate reply with a file; each email links its files", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Eva Nová", email: "composer-files@example.net" } }),
    );
    const sent = await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, multipart: { fields: { body: "" }, files: [pdf("Smlouva.pdf")] } });
    expect(sent.status).toBe(201);
    const { message } = await json(sent);
    expect(message).toMatchObject({ body: "", attachments: [expect.objectContaining({ filename: "Smlouva.pdf" })] });

    const token = await tokenOf(applicationId);
    const reply = await call(`/api/c/${token}/messages`, { multipart: { fields: { body: "Podepsáno." }, files: [pdf("Smlouva podepsaná.pdf")] } });
    expect(reply.status).toBe(201);
    expect((await json(reply)).message.attachments[0].filename).toBe("Smlouva podepsaná.pdf");

    await sendScheduledEmails();
    const [toCandidate] = await outboxOf(applicationId, "candidate_message");
    expect(toCandidate!.textBody).toContain("Smlouva.pdf");
    expect(toCandidate!.textBody).toContain(`/c/${token}/attachments/${message.attachments[0].id}`);
    const [toCompany] = await outboxOf(applicationId, "new_message");
    expect(toCompany!.textBody).toContain("Smlouva podepsaná.pdf");
    expect(toCompany!.textBody).toMatch(/\/admin\/attachments\/\d+/);

    // An empty message without files is still refused.
    expect((await call(`/api/c/${token}/messages`, { multipart: { fields: { body: " " } } })).status).toBe(400);
  });

  it("downloads as an attachment for the conversation's people only", async () => {
    const { applicationId } = await json(await apply({ files: [pdf("Moje CV.pdf")] }));
    const [file] = (await messagesOf(applicationId))[0]!.attachments;
    const admin = await call(`/admin/attachments/${file!.id}`, { cookie: world.jana });
    expect(admin.status).toBe(200);
    expect(admin.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(admin.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await admin.arrayBuffer()).byteLength).toBe(2009);
    expect((await call(`/c/${await tokenOf(applicationId)}/attachments/${file!.id}`)).status).toBe(200);
    expect((await call(`/admin/attachments/${file!.id}`, { cookie: world.eva })).status).toBe(404);
    const { applicationId: other } = await json(await apply({}));
    expect((await call(`/c/${await tokenOf(other)}/attachments/${file!.id}`)).status).toBe(404);
    expect((await db.select().from(attachments).where(eq(attachments.id, file!.id)))[0]!.r2Key).toMatch(/^attachments\//);
  });
});
