// Templates and placeholders (CONTRACT.md "Templates", "Rejecting"): saved per company, filled per candidate when
// sent, unknown placeholders refused by name; a rejection may carry a message, and without one emails nobody.
import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { outbox } from "../../src/db/schema";
import { call, demoWorld, json } from "../support/http";

const db = database(env.DB);
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

async function newApplication(name: string, email: string): Promise<number> {
  const res = await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name, email } });
  return (await json<{ applicationId: number }>(res)).applicationId;
}
const candidateEmails = (applicationId: number) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "candidate_message")));

describe("templates", () => {
  it("are created, listed, changed and deleted per company; another company's answer 404", async () => {
    const created = await call("/api/templates", { cookie: world.jana, json: { name: "  Pozvánka na pohovor ", body: "Dobrý den, {{candidate.firstName}}!" } });
    expect(created.status).toBe(201);
    const { template } = await json(created);
    expect(template).toEqual({ id: expect.any(Number), name: "Pozvánka na pohovor", body: "Dobrý den, {{candidate.firstName}}!" });
    expect((await json(await call("/api/templates", { cookie: world.petr }))).templates).toContainEqual(template);
    expect((await json(await call("/api/templates", { cookie: world.eva }))).templates).toEqual([]);
    expect((await call(`/api/templates/${template.id}`, { method: "PATCH", cookie: world.eva, json: { name: "Mine now" } })).status).toBe(404);
    expect((await call(`/api/templates/${template.id}`, { method: "DELETE", cookie: world.eva })).status).toBe(404);

    const patched = await json(await call(`/api/templates/${template.id}`, { method: "PATCH", cookie: world.petr, json: { body: "Ahoj {{ candidate.firstName | tam }}" } }));
    expect(patched.template).toMatchObject({ name: "Pozvánka na pohovor", body: "Ahoj {{ candidate.firstName | tam }}" });
    expect((await call(`/api/templates/${template.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(204);
    expect((await call(`/api/templates/${template.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(404);
  });

  it("refuse an unknown placeholder by name, an empty body and an over-long name", async () => {
    const unknown = await call("/api/templates", { cookie: world.jana, json: { name: "Typo", body: "Dobrý den {{candidate.frstName}}" } });
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toMatchObject({ error: "unknown_placeholder", placeholder: "candidate.frstName", message: expect.stringContaining("{{candidate.frstName}}") });
    expect((await call("/api/templates", { cookie: world.jana, json: { name: "Empty", body: "  " } })).status).toBe(400);
    expect((await call("/api/templates", { cookie: world.jana, json: { name: "x".repeat(101), body: "Hi" } })).status).toBe(400);
    const saved = await json(await call("/api/templates", { cookie: world.jana, json: { name: "OK", body: "Hi" } }));
    expect((await call(`/api/templates/${saved.template.id}`, { method: "PATCH", cookie: world.jana, json: { body: "{{nope}}" } })).status).toBe(400);
    expect((await json(await call("/api/templates", { cookie: world.jana }))).templates.find((t: { id: number }) => t.id === saved.template.id).body).toBe("Hi");
  });
});

describe("placeholders when sending", () => {
  it("a template is sent filled in for this candidate; the stored and emailed body are the same", async () => {
    const { template } = await json(
      await call("/api/templates", {
        cookie: world.jana,
        json: {
          name: "Invite",
          body: "Dobrý den {{candidate.firstName}}, k pozici {{offer.title}} u {{company.name}} se ozve {{admin.firstName}} ({{admin.name}}), {{candidate.name}}.",
        },
      }),
    );
    const applicationId = await newApplication("Karolína Světlá", "karolina@example.net");
    const sent = await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { templateId: template.id } });
    expect(sent.status).toBe(201);
    const expected = "Dobrý den Karolína, k pozici Backend Engineer (TypeScript) u Acme Robotics s.r.o. se ozve Jana (Jana Nováková), Karolína Světlá.";
    expect((await json(sent)).message.body).toBe(expected);
    const [email] = await candidateEmails(applicationId);
    expect(email!.textBody).toContain(expected);
  });

  it("fills a fallback for an empty value, refuses an unknown placeholder on send, and another company's template is 404", async () => {
    const applicationId = await newApplication("Bez Příjmení", "bez@example.net");
    const filled = await json(
      await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Hi {{candidate.firstName|there}} / {{offer.title|x}}" } }),
    );
    expect(filled.message.body).toBe("Hi Bez / Backend Engineer (TypeScript)");
    const typo = await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Hi {{candidate.surname}}" } });
    expect(typo.status).toBe(400);
    expect(await json(typo)).toMatchObject({ error: "unknown_placeholder", placeholder: "candidate.surname" });
    const { template } = await json(await call("/api/templates", { cookie: world.eva, json: { name: "Globex", body: "Hello" } }));
    expect((await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { templateId: template.id } })).status).toBe(404);
    expect((await candidateEmails(applicationId)).map((e) => e.textBody?.includes("Hi Bez"))).toEqual([true]);
  });
});

describe("rejecting", () => {
  it("without a message emails the candidate nothing; with one, the message is emailed and then the application closes", async () => {
    const quiet = await newApplication("Tichý Odmítnutý", "quiet-reject@example.net");
    expect((await call(`/api/applications/${quiet}/reject`, { cookie: world.jana, method: "POST" })).status).toBe(200);
    expect(await candidateEmails(quiet)).toEqual([]);

    const told = await newApplication("Řečený Odmítnutý", "told-reject@example.net");
    const rejected = await call(`/api/applications/${told}/reject`, { cookie: world.jana, json: { body: "Děkujeme, {{candidate.firstName}}, vybrali jsme jiného kandidáta." } });
    expect(rejected.status).toBe(200);
    expect(await json(rejected)).toEqual({ status: "rejected" });
    const [email] = await candidateEmails(told);
    expect(email).toMatchObject({ state: "sent" });
    expect(email!.textBody).toContain("Děkujeme, Řečený, vybrali jsme jiného kandidáta.");
    expect(email!.textBody).not.toContain("uzavřena");
    const thread = await json(await call(`/api/applications/${told}/messages`, { cookie: world.jana }));
    expect(thread.messages.map((m: { author: { kind: string }; visibility: string }) => `${m.author.kind}:${m.visibility}`)).toEqual([
      "system:internal",
      "admin:all",
      "system:internal",
    ]);
    expect((await json(await call(`/api/applications/${told}`, { cookie: world.jana }))).status).toBe("rejected");
  });

  it("refuses a bad message and keeps the application open", async () => {
    const id = await newApplication("Stále Otevřená", "still-open@example.net");
    expect((await call(`/api/applications/${id}/reject`, { cookie: world.jana, json: { body: "" } })).status).toBe(400);
    expect((await call(`/api/applications/${id}/reject`, { cookie: world.jana, json: { body: "{{bogus}}" } })).status).toBe(400);
    expect((await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).status).toBe("active");
    expect(await candidateEmails(id)).toEqual([]);
  });
});
