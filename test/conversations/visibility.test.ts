// What the candidate sees: lines about the team's own actions are internal, and nothing internal reaches the
// candidate — not their thread (API or page), not an email, not a quote in one. A public application is confirmed.
import { env } from "cloudflare:test";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { outbox } from "../../src/db/schema";
import { call, demoWorld, json } from "../support/http";

const db = database(env.DB);
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const emailsTo = (applicationId: number, kind?: (typeof outbox.$inferSelect)["kind"]) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), eq(outbox.recipientKind, "candidate"), kind ? eq(outbox.kind, kind) : undefined))
    .orderBy(asc(outbox.id));

async function candidateLink(applicationId: number): Promise<string> {
  const [email] = await emailsTo(applicationId);
  return /\/c\/([A-Za-z0-9._~-]+)/.exec(email!.textBody!)![1]!;
}

describe("internal lines", () => {
  it("a manual add and a rejection are internal: the admin sees them, the candidate never does", async () => {
    const added = await json(await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Tichá Kandidátka", email: "quiet@example.net" } }));
    const id = added.applicationId as number;
    expect(await emailsTo(id)).toEqual([]); // being added emails nobody
    await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Dobrý den, máte čas ve čtvrtek?" } });
    const [first] = await emailsTo(id, "candidate_message");
    expect(first!.textBody).toContain("Dobrý den, máte čas ve čtvrtek?");
    expect(first!.textBody).not.toMatch(/přidal|Jana Nováková přidal/);
    expect(first!.textBody).not.toContain("Tichá Kandidátka přidal");

    expect((await call(`/api/applications/${id}/reject`, { cookie: world.jana, method: "POST" })).status).toBe(200);
    const admin = await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana }));
    expect(admin.messages.map((m: { visibility: string; author: { kind: string } }) => [m.author.kind, m.visibility])).toEqual([
      ["system", "internal"],
      ["admin", "all"],
      ["system", "internal"],
    ]);
    const link = await candidateLink(id);
    const theirs = await json(await call(`/api/c/${link}/messages`));
    expect(theirs.messages.map((m: { body: string }) => m.body)).toEqual(["Dobrý den, máte čas ve čtvrtek?"]);
    const page = await (await call(`/c/${link}`)).text();
    expect(page).toContain("máte čas ve čtvrtek");
    expect(page).not.toContain("uzavřena (Jana");
    expect(page).not.toContain("přidal");
  });

  it("a public application is confirmed to the candidate, with the link and a Reply-To back into the conversation", async () => {
    const applied = await json(
      await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Potvrzená Uchazečka", email: "confirmed@example.net", message: "Mám zájem o pozici." } }),
    );
    const [confirmation] = await emailsTo(applied.applicationId, "application_received");
    expect(confirmation).toMatchObject({ state: "sent", toAddress: "confirmed@example.net" });
    expect(confirmation!.replyTo).toMatch(/@reply\.jobs\.example$/);
    expect(confirmation!.subject).toContain("Backend Engineer");
    expect(confirmation!.textBody).toContain("děkujeme za vaši přihlášku");
    expect(confirmation!.textBody).toContain("Mám zájem o pozici.");
    expect(confirmation!.raw).toMatch(/^From: =\?UTF-8\?B\?/m); // the company's name, encoded
    expect(confirmation!.fromAddress).toContain("Acme Robotics");
  });
});
