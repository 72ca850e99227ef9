// Many at once (CONTRACT.md "Job posts": bulk): each application goes through the same rules as one at a time,
// placeholders are filled per candidate, and what fails is named without stopping the rest.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { messagesOf, outboxOf, sendScheduledEmails } from "../email/inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const apply = async (name: string, email: string, offerId = world.acme.offerId) =>
  (await json(await call(`/api/offers/${offerId}/applications`, { json: { name, email, message: "Dobrý den" } }))).applicationId as number;
const bulk = (body: unknown, cookie = world.jana) => call("/api/applications/bulk", { cookie, json: body });

describe("bulk actions", () => {
  it("messages each candidate with their own name filled in, and names what it could not do", async () => {
    const ids = [await apply("Adam Malý", "bulk-1@example.net"), await apply("Bára Velká", "bulk-2@example.net")];
    const theirs = await apply("Cyril Cizí", "bulk-3@example.net", world.globex.offerId);
    const res = await bulk({ applicationIds: [...ids, theirs, 99999, ids[0]], action: "message", body: "Dobrý den {{candidate.firstName}}, děkujeme." });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      done: 2,
      failed: [
        { id: theirs, error: "not_found" },
        { id: 99999, error: "not_found" },
      ],
    });
    await sendScheduledEmails();
    for (const [id, first] of [
      [ids[0]!, "Adam"],
      [ids[1]!, "Bára"],
    ] as const) {
      expect((await messagesOf(id)).filter((m) => m.body === `Dobrý den ${first}, děkujeme.`)).toHaveLength(1);
      const [mail] = await outboxOf(id, "candidate_message");
      expect(mail).toMatchObject({ state: "sent" });
      expect(mail!.textBody).toContain(`Dobrý den ${first}, děkujeme.`);
    }
    expect((await messagesOf(theirs)).map((m) => m.body)).not.toContain("Dobrý den Cyril, děkujeme.");
  });

  it("rejects with a template, once per application even when sent twice at the same instant", async () => {
    const ids = await Promise.all(["bulk-4", "bulk-5", "bulk-6"].map((n, i) => apply(`Kandidát ${i}`, `${n}@example.net`)));
    const template = await json(await call("/api/templates", { cookie: world.jana, json: { name: "Zamítnutí", body: "Děkujeme, {{candidate.name}}, tentokrát ne." } }));
    const templateId = template.template?.id ?? template.id;
    const [a, b] = await Promise.all([bulk({ applicationIds: ids, action: "reject", templateId }), bulk({ applicationIds: ids, action: "reject", templateId })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Each application is rejected by exactly one of the two; the other says it was closed already.
    const [ra, rb] = [await json(a), await json(b)];
    expect(ra.done + rb.done).toBe(3);
    expect([...ra.failed, ...rb.failed].map((f: { error: string }) => f.error)).toEqual(["already_rejected", "already_rejected", "already_rejected"]);
    for (const id of ids) {
      expect((await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).status).toBe("rejected");
      expect((await messagesOf(id)).filter((m) => m.body.includes("tentokrát ne"))).toHaveLength(1);
    }
    // Without a message, rejecting emails nobody.
    const quiet = await apply("Tichý Kandidát", "bulk-7@example.net");
    expect(await json(await bulk({ applicationIds: [quiet], action: "reject" }))).toEqual({ done: 1, failed: [] });
    expect(await outboxOf(quiet, "candidate_message")).toEqual([]);
  });

  it("refuses bad requests whole, before doing anything", async () => {
    const id = await apply("Dana Dobrá", "bulk-8@example.net");
    const tooMany = Array.from({ length: 501 }, (_, i) => i + 1);
    for (const body of [
      { applicationIds: [], action: "message", body: "x" },
      { applicationIds: tooMany, action: "reject" },
      { applicationIds: [id], action: "archive" },
      { applicationIds: [id], action: "message" },
      { applicationIds: [id], action: "message", body: "x", templateId: 1 },
      { applicationIds: ["x"], action: "reject" },
    ]) {
      expect((await bulk(body)).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await bulk({ applicationIds: [id], action: "message", templateId: 424242 })).status).toBe(404);
    expect((await call("/api/applications/bulk", { json: { applicationIds: [id], action: "reject" } })).status).toBe(401);
    expect((await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).status).toBe("active");
  });
});
