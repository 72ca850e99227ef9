// The same request many times at the same instant: nothing doubles, nothing slips through, nothing answers 500.
// Every burst is N = 40 unless the issue names another figure, and every count is asserted exactly.
import { env } from "cloudflare:test";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applications, inboundLog, messages, outbox } from "../../src/db/schema";
import { deliveryScheduler } from "../../src/email/delivery-scheduler";
import { conversation, db, deliver, fill, fixture, logOf, messagesOf, newMessageId, outboxOf } from "../email/inbound-support";
import { call, demoWorld, json } from "../support/http";
import { race, statusCounts } from "../support/race";

const N = 40;
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("login limit under parallel guesses", () => {
  it("lets at most 5 wrong passwords for one account reach the password check; the rest are 429", async () => {
    const responses = await race(N, () => ["/api/session", { json: { email: "petr@acme.example", password: "wrong" }, headers: { "CF-Connecting-IP": "198.51.100.40" } }]);
    expect(statusCounts(responses)).toEqual({ 401: 5, 429: N - 5 });
    expect(responses.find((r) => r.status === 429)!.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("lets at most 20 guesses from one IP reach the check, across accounts", async () => {
    const responses = await race(N, (i) => ["/api/session", { json: { email: `nobody${i}@example.net`, password: "wrong" }, headers: { "CF-Connecting-IP": "198.51.100.41" } }]);
    expect(statusCounts(responses)).toEqual({ 401: 20, 429: N - 20 });
  });

  it("does not count a successful sign-in against the IP", async () => {
    const headers = { "CF-Connecting-IP": "198.51.100.42" };
    for (let i = 0; i < 25; i++) expect((await call("/api/session", { json: { email: "eva@globex.example", password: "demo1234" }, headers })).status).toBe(200);
  });
});

describe("applying twice at once", () => {
  it("creates one application for identical public applies; the others are 409 already_applied", async () => {
    const responses = await race(N, () => [
      `/api/offers/${world.acme.offerId}/applications`,
      { json: { name: "Dvojklik Rychlý", email: "double@example.net", message: "Mám zájem." } },
    ]);
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: N - 1 });
    const { applicationId } = await json(responses.find((r) => r.status === 201)!);
    expect((await json(responses.find((r) => r.status === 409)!)).error).toBe("already_applied");
    const rows = await db.select().from(applications).where(eq(applications.candidateEmail, "double@example.net"));
    expect(rows.map((r) => r.id)).toEqual([applicationId]);
    expect(await messagesOf(applicationId)).toHaveLength(1);
    expect(await outboxOf(applicationId, "new_candidate")).toHaveLength(1);
  });

  it("creates one application for identical manual adds", async () => {
    const responses = await race(N, () => [
      `/api/offers/${world.acme.offerId}/candidates`,
      { cookie: world.jana, json: { name: "Ruční Přidaný", email: "manual-race@example.net" } },
    ]);
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: N - 1 });
    expect(await db.select().from(applications).where(eq(applications.candidateEmail, "manual-race@example.net"))).toHaveLength(1);
  });
});

describe("rejecting and reopening at once", () => {
  it("records exactly one rejection and one reopening, each notifying once", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Zamítaný Souběžně", email: "reject-race@example.net" } }),
    );
    const lines = async () => (await messagesOf(applicationId)).filter((m) => m.authorKind === "system").length;
    const before = await lines();

    const rejects = await race(N, () => [`/api/applications/${applicationId}/reject`, { cookie: world.jana, method: "POST" }]);
    expect(statusCounts(rejects)).toEqual({ 200: N });
    expect(await lines()).toBe(before + 1);

    const reopens = await race(N, () => [`/api/applications/${applicationId}/reopen`, { cookie: world.petr, method: "POST" }]);
    expect(statusCounts(reopens)).toEqual({ 200: N });
    expect(await lines()).toBe(before + 2);
    expect((await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }))).status).toBe("active");
  });
});

describe("posting many messages at once", () => {
  it("stores each once and sends each one email, exactly once", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Zahlcený Souběžně", email: "burst@example.net" } }),
    );
    const responses = await race(N, (i) => [`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: `Zpráva ${i}` } }]);
    expect(statusCounts(responses)).toEqual({ 201: N });
    const bodies = (await messagesOf(applicationId)).filter((m) => m.authorKind === "admin").map((m) => m.body);
    expect(bodies.sort()).toEqual(Array.from({ length: N }, (_, i) => `Zpráva ${i}`).sort());
    const mail = await outboxOf(applicationId, "candidate_message");
    expect(mail).toHaveLength(N);
    expect(mail.every((m) => m.state === "sent" && m.attempts === 1)).toBe(true);
  });

  it("a request's delivery sends its own emails only, never another's waiting ones", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Jen Svoje", email: "own-only@example.net" } }),
    );
    const [message] = await db
      .insert(messages)
      .values({
        uid: crypto.randomUUID(),
        applicationId,
        companyId: world.acme.companyId,
        authorKind: "admin",
        authorName: "Jana",
        channel: "web",
        body: "x",
        createdAt: Date.now(),
      })
      .returning();
    const row = {
      companyId: world.acme.companyId,
      applicationId,
      messageId: message!.id,
      kind: "candidate_message" as const,
      recipientKind: "candidate",
      toAddress: "own-only@example.net",
      nextAttemptAt: Date.now(),
      createdAt: Date.now(),
    };
    const [mine, other] = await db.insert(outbox).values([row, row]).returning({ id: outbox.id });
    await deliveryScheduler(env, { applicationId }).deliverSoon({ applicationId }, [mine!.id]);
    const states = await db
      .select({ id: outbox.id, state: outbox.state })
      .from(outbox)
      .where(inArray(outbox.id, [mine!.id, other!.id]));
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [mine!.id]: "sent", [other!.id]: "pending" });
  });
});

describe("one email delivered many times at once", () => {
  it("is stored once, emailed on once, and every other copy is logged as a duplicate", async () => {
    const c = await conversation(world, "dup-burst@example.net");
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: "dup-burst@example.net", to: c.candidateAddress, msgId, body: "Úterý mi vyhovuje." });
    const received = await Promise.all(Array.from({ length: N }, () => deliver(raw, { from: "dup-burst@example.net", to: c.candidateAddress })));
    expect(received.every((m) => m.rejected === null)).toBe(true);
    const stored = (await messagesOf(c.applicationId)).filter((m) => m.channel === "email");
    expect(stored.map((m) => m.body)).toEqual(["Úterý mi vyhovuje."]);
    expect(await outboxOf(c.applicationId, "new_message")).toHaveLength(1);
    const outcomes = (await logOf(msgId)).map((l) => l.outcome);
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(N - 1);
  });

  it("a copy that arrives after an SMTP refusal is processed anew (the sender's retry)", async () => {
    const c = await conversation(world, "retry-after-refusal@example.net");
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: "someone-else@example.net", to: c.candidateAddress, msgId, body: "Špatný odesílatel." });
    expect((await deliver(raw, { from: "someone-else@example.net", to: c.candidateAddress })).rejected).not.toBeNull();
    expect((await deliver(raw, { from: "someone-else@example.net", to: c.candidateAddress })).rejected).not.toBeNull();
    expect((await logOf(msgId)).map((l) => l.outcome)).toEqual(["wrong_sender", "wrong_sender"]);
  });
});

describe("one email written to two conversations", () => {
  it("reaches both: the duplicate check is per recipient", async () => {
    const person = "two-companies@example.net";
    const acme = await conversation(world, person);
    const { applicationId: globexId } = await json(
      await call(`/api/offers/${world.globex.offerId}/candidates`, { cookie: world.eva, json: { name: "Lukáš Procházka", email: person } }),
    );
    await call(`/api/applications/${globexId}/messages`, { cookie: world.eva, json: { body: "Hello, are you free on Tuesday?" } });
    const [toGlobex] = await outboxOf(globexId, "candidate_message");
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: person, to: `${acme.candidateAddress}, ${toGlobex!.replyTo}`, msgId, body: "Ano, úterý mi vyhovuje." });
    // One after the other, as the two copies usually arrive: the second is not a duplicate of the first.
    await deliver(raw, { from: person, to: acme.candidateAddress });
    await deliver(raw, { from: person, to: toGlobex!.replyTo! });
    for (const applicationId of [acme.applicationId, globexId]) {
      expect((await messagesOf(applicationId)).filter((m) => m.channel === "email").map((m) => m.body)).toEqual(["Ano, úterý mi vyhovuje."]);
    }
    expect((await logOf(msgId)).map((l) => l.outcome)).toEqual(["stored", "stored"]);
  });
});

describe("text that shows nothing", () => {
  const invisible = ["\u200b", "\u200d\u200d", "\u2060", "\u200e\u200f", "\u3164\u3164", " \u200b \n\u2060 "];

  it.each(invisible)("is refused as empty on the web (%j)", async (body) => {
    const c = await conversation(world, `invisible-${invisible.indexOf(body)}@example.net`);
    const admin = await call(`/api/applications/${c.applicationId}/messages`, { cookie: world.jana, json: { body } });
    expect(admin.status).toBe(400);
    const link = new URL(/\/c\/[^\s"<]+/.exec(c.toCandidate.textBody!)![0], env.APP_URL).pathname.slice(3);
    const candidate = await call(`/api/c/${link}/messages`, { json: { body } });
    expect(candidate.status).toBe(400);
    expect((await messagesOf(c.applicationId)).map((m) => m.body)).not.toContain(body);
  });

  it("is not stored from email, and the sender is told once that nothing was found", async () => {
    const c = await conversation(world, "invisible-mail@example.net");
    const before = (await messagesOf(c.applicationId)).length;
    const msgId = newMessageId();
    await deliver(fill(fixture("plain-reply"), { from: "invisible-mail@example.net", to: c.candidateAddress, msgId, body: "\u200b\u2060\u3164" }), {
      from: "invisible-mail@example.net",
      to: c.candidateAddress,
    });
    expect(await messagesOf(c.applicationId)).toHaveLength(before);
    expect((await logOf(msgId))[0]!.outcome).toBe("nothing_found");
  });
});

describe("control characters in names and titles", () => {
  it("are normalised where they enter, so what is stored is what every email says", async () => {
    const res = await call(`/api/offers/${world.acme.offerId}/candidates`, {
      cookie: world.jana,
      json: { name: "Eva\r\nBcc: x@evil.example\u0000\u001b[31m\u0007 Nová", email: "controls@example.net" },
    });
    expect(res.status).toBe(201);
    const { applicationId } = await json(res);
    const view = await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }));
    expect(view.candidate.name).toBe("Eva Bcc: x@evil.example [31m Nová");
    await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Dobrý den" } });
    await deliver(fill(fixture("plain-reply"), { from: "controls@example.net", to: (await outboxOf(applicationId, "candidate_message"))[0]!.replyTo!, body: "Děkuji" }), {
      from: "controls@example.net",
      to: (await outboxOf(applicationId, "candidate_message"))[0]!.replyTo!,
    });
    const [toCompany] = await outboxOf(applicationId, "new_message");
    expect(toCompany!.subject).toContain("Eva Bcc: x@evil.example [31m Nová");
    expect(toCompany!.subject).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it("are removed from an offer's title", async () => {
    const res = await call(`/admin/offers/${world.acme.offerId}`, { cookie: world.jana, form: { title: "Backend\tEngineer\r\n(TypeScript)\u0007", description: "Popis" } });
    expect(res.status).toBe(303);
    const { offers } = await json(await call("/api/offers", { cookie: world.jana }));
    expect(offers.find((o: { id: number }) => o.id === world.acme.offerId).title).toBe("Backend Engineer (TypeScript)");
  });

  it("refuses a name that is blank once cleaned", async () => {
    const res = await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "\u0000\r\n\u200b", email: "blank-name@example.net" } });
    expect(res.status).toBe(400);
  });
});

describe("an email with many files", () => {
  it("keeps a one-line reply with 200 PDFs, and lists the skipped files as data, not as text", async () => {
    const c = await conversation(world, "many-files@example.net");
    const boundary = "b-many-files";
    const pdf = btoa(`%PDF-1.4\n${"x".repeat(2000)}\n%%EOF`);
    const parts = Array.from(
      { length: 200 },
      (_, i) =>
        `--${boundary}\r\nContent-Type: application/pdf; name="doc${i}.pdf"\r\nContent-Disposition: attachment; filename="doc${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n`,
    );
    const raw = [
      `From: many-files@example.net`,
      `To: ${c.candidateAddress}`,
      `Subject: Re: dokumenty`,
      `Message-ID: ${newMessageId()}`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      ``,
      `--${boundary}`,
      `Content-Type: text/plain; charset=UTF-8`,
      ``,
      `Posílám všechny dokumenty.`,
      ...parts,
      `--${boundary}--`,
      ``,
    ].join("\r\n");
    const received = await deliver(raw, { from: "many-files@example.net", to: c.candidateAddress });
    expect(received.rejected).toBeNull();
    const [stored] = (await messagesOf(c.applicationId)).filter((m) => m.channel === "email");
    expect(stored!.body).toBe("Posílám všechny dokumenty.");
    const { messages: views } = await json(await call(`/api/applications/${c.applicationId}/messages`, { cookie: world.jana }));
    const view = views.find((m: { id: number }) => m.id === stored!.id);
    expect(view.attachments).toHaveLength(10);
    expect(view.skippedFiles).toHaveLength(190);
    expect(view.skippedFiles[0]).toEqual({ filename: "doc10.pdf", reason: "too_many" });
    const page = await (await call(`/admin/applications/${c.applicationId}`, { cookie: world.jana })).text();
    expect(page).toContain("Příloha „doc10.pdf“ nebyla uložena: jeden e-mail může mít nejvýše 10 příloh.");
    const [toCompany] = (await outboxOf(c.applicationId, "new_message")).slice(-1);
    expect(toCompany!.textBody).toContain("Příloha „doc199.pdf“ nebyla uložena");
    expect(toCompany!.textBody).toContain("Posílám všechny dokumenty.");
    const log = await db
      .select()
      .from(inboundLog)
      .where(and(eq(inboundLog.applicationId, c.applicationId), eq(inboundLog.outcome, "stored")));
    expect(log).toHaveLength(1);
  });
});
