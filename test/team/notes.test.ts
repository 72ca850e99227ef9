// Notes and mentions (CONTRACT.md "The team"): the team talks about the candidate in the thread; nothing of it
// reaches the candidate in any form, and a mentioned admin is told in the app and by email.
import { describe, expect, it, beforeAll } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { deliver, fill, outboxOf } from "../email/inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
let jana: number;
let petr: number;
let eva: number;
beforeAll(async () => {
  world = await demoWorld();
  jana = world.acme.adminIds["jana@acme.example"]!;
  petr = world.acme.adminIds["petr@acme.example"]!;
  eva = world.globex.adminIds["eva@globex.example"]!;
});

async function applied(email: string) {
  const res = await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Lucie Bílá", email, message: "Dobrý den, posílám přihlášku." } });
  const { applicationId } = await json(res);
  const link = (await outboxOf(applicationId, "application_received"))[0]!.textBody!.match(/\/c\/([A-Za-z0-9._~-]+)/)![1]!;
  return { applicationId: applicationId as number, token: link };
}

const reply = (from: string, to: string, body: string) =>
  fill(["From: {{FROM}}", "To: {{TO}}", "Subject: Re: Lucie", "Message-ID: {{MSGID}}", "Content-Type: text/plain; charset=utf-8", "", body, ""].join("\n"), { from, to });

describe("notes", () => {
  it("are internal, notify the mentioned admin as a mention with an email, and never reach the candidate", async () => {
    const { applicationId, token } = await applied("lucie-1@example.net");
    const res = await call(`/api/applications/${applicationId}/notes`, { cookie: world.petr, json: { body: "Jano, podívej se na její GitHub.", mentions: [jana] } });
    expect(res.status).toBe(201);
    const { message } = await json(res);
    expect(message).toMatchObject({ visibility: "internal", author: { kind: "admin", name: "Petr Svoboda" }, body: "Jano, podívej se na její GitHub." });

    const { notifications } = await json(await call("/api/notifications", { cookie: world.jana }));
    expect(notifications.find((n: { messageId: number }) => n.messageId === message.id)).toMatchObject({ kind: "mention", applicationId });
    const [mail] = await outboxOf(applicationId, "mention");
    expect(mail).toMatchObject({ toAddress: "jana@acme.example", state: "sent" });
    expect(mail!.textBody).toContain("Jano, podívej se na její GitHub.");
    expect(mail!.replyTo).toMatch(/@reply\.jobs\.example$/);

    // The candidate's thread, live feed and emails know nothing of it.
    const theirs = await json(await call(`/api/c/${token}/messages`));
    expect(theirs.messages.map((m: { body: string }) => m.body)).not.toContain("Jano, podívej se na její GitHub.");
    const toCandidate = (await outboxOf(applicationId)).filter((row) => row.toAddress === "lucie-1@example.net");
    for (const row of toCandidate) expect(`${row.textBody}${row.htmlBody}`).not.toContain("GitHub");
    // A note does not make it the candidate's turn.
    expect((await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }))).waitingOn).toBe("company");
  });

  it("mentioning oneself tells nobody", async () => {
    const { applicationId } = await applied("lucie-5@example.net");
    const res = await call(`/api/applications/${applicationId}/notes`, { cookie: world.jana, json: { body: "Připomínka pro mě", mentions: [jana] } });
    expect(res.status).toBe(201);
    expect(await outboxOf(applicationId, "mention")).toEqual([]);
  });

  it("replying to the mention email adds a note, not a message to the candidate", async () => {
    const { applicationId } = await applied("lucie-2@example.net");
    await call(`/api/applications/${applicationId}/notes`, { cookie: world.petr, json: { body: "Co myslíš?", mentions: [jana] } });
    const [mail] = await outboxOf(applicationId, "mention");
    await deliver(reply("jana@acme.example", mail!.replyTo!, "Líbí se mi, pozvěme ji."), { from: "jana@acme.example", to: mail!.replyTo! });
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.petr }));
    expect(messages.at(-1)).toMatchObject({ body: "Líbí se mi, pozvěme ji.", visibility: "internal", channel: "email", author: { name: "Jana Nováková" } });
    expect((await outboxOf(applicationId, "candidate_message")).length).toBe(0);
    // Only the admin it was sent to may answer there.
    await deliver(reply("petr@acme.example", mail!.replyTo!, "Já taky."), { from: "petr@acme.example", to: mail!.replyTo! });
    const after = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.petr }));
    expect(after.messages.map((m: { body: string }) => m.body)).not.toContain("Já taky.");
  });

  it("#note (or #poznámka) as the first line of a team reply stores the rest as a note", async () => {
    const { applicationId } = await applied("lucie-3@example.net");
    const [toCompany] = await outboxOf(applicationId, "new_candidate");
    const to = toCompany!.replyTo!;
    await deliver(reply("jana@acme.example", to, "#note\nVolala jsem jí, ozve se zítra.\n\n> Dobrý den, posílám přihlášku."), { from: "jana@acme.example", to });
    await deliver(reply("jobs@acme.example", to, "#Poznámka: reference v pořádku"), { from: "jobs@acme.example", to });
    // From the candidate, "#note" is just words: they cannot write internal notes.
    const candidateTo = (await outboxOf(applicationId, "application_received"))[0]!.replyTo!;
    await deliver(reply("lucie-3@example.net", candidateTo, "#note ahoj"), { from: "lucie-3@example.net", to: candidateTo });
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.petr }));
    const last = messages.slice(-3).map((m: { body: string; visibility: string; author: { kind: string } }) => [m.author.kind, m.visibility, m.body]);
    expect(last).toEqual([
      ["admin", "internal", "Volala jsem jí, ozve se zítra."],
      ["company", "internal", "reference v pořádku"],
      ["candidate", "all", "#note ahoj"],
    ]);
    expect((await outboxOf(applicationId, "candidate_message")).length).toBe(0);
  });

  it("refuses a mention of another company's admin or an unknown id with 400, and stores nothing", async () => {
    const { applicationId } = await applied("lucie-4@example.net");
    for (const mentions of [[eva], [987654], [petr, eva]]) {
      const res = await call(`/api/applications/${applicationId}/notes`, { cookie: world.jana, json: { body: "Tajné", mentions } });
      expect(res.status).toBe(400);
      expect((await json(res)).error).toBe("unknown_admin");
    }
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages.map((m: { body: string }) => m.body)).not.toContain("Tajné");
    expect((await call(`/api/applications/${applicationId}/notes`, { cookie: world.eva, json: { body: "x" } })).status).toBe(404);
    expect((await call(`/api/applications/${applicationId}/notes`, { cookie: world.jana, json: { body: "  " } })).status).toBe(400);
    expect((await call(`/api/applications/${applicationId}/notes`, { json: { body: "x" } })).status).toBe(401);
  });
});
