// Each named outcome of the inbound pipeline, driven through the Worker's email() handler with real raw messages.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld } from "../support/http";
import { conversation, deliver, fill, fixture, lastLog, logOf, messagesOf, newMessageId, outboxOf } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
let n = 0;
beforeAll(async () => {
  world = await demoWorld();
});
const candidateEmail = () => `lukas${++n}@example.net`;

describe("stored", () => {
  it("a candidate's Gmail reply is stored without the quote and announced to the company", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const msgId = newMessageId();
    const raw = fill(fixture("gmail-cs"), { from: `Lukáš Procházka <${email.toUpperCase()}>`, to: chat.candidateAddress, msgId });
    const received = await deliver(raw, { from: email, to: chat.candidateAddress });
    expect(received.rejected).toBeNull();

    const stored = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(stored).toMatchObject({
      authorKind: "candidate",
      channel: "email",
      body: "Dobrý den,\n\nděkuji za pozvání. Úterý ve 15:30 mi vyhovuje.\n\nS pozdravem\nLukáš Procházka",
    });
    expect(stored.originalBody).toContain("> Dobrý den, Lukáši,");
    const [log] = await logOf(msgId);
    expect(log).toMatchObject({ outcome: "stored", applicationId: chat.applicationId, storedMessageId: stored.id, envelopeTo: chat.candidateAddress });
    expect(await env.FILES.get(log!.rawKey!)).not.toBeNull();
    expect(log!.rawKey).toMatch(/^inbound\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.eml$/);
    const toCompany = await outboxOf(chat.applicationId, "new_message");
    expect(toCompany.map((r) => r.toAddress)).toEqual(["jobs@acme.example"]);
  });

  it.each([
    ["jobs@acme.example", { authorKind: "company", authorName: "Acme Robotics s.r.o.", authorEmail: "jobs@acme.example" }],
    ["petr@acme.example", { authorKind: "admin", authorName: "Petr Svoboda" }],
  ])("a reply to the company notification from %s reaches the candidate by email", async (sender, author) => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const before = (await outboxOf(chat.applicationId, "candidate_message")).length;
    const raw = fill(fixture("plain-reply"), { from: sender, to: chat.companyAddress, body: "Dobrý den, pohovor potvrzujeme na úterý 14:00." });
    expect((await deliver(raw, { from: sender, to: chat.companyAddress })).rejected).toBeNull();

    expect((await messagesOf(chat.applicationId)).at(-1)).toMatchObject({ ...author, channel: "email", body: "Dobrý den, pohovor potvrzujeme na úterý 14:00." });
    const toCandidate = await outboxOf(chat.applicationId, "candidate_message");
    expect(toCandidate).toHaveLength(before + 1);
    expect(toCandidate.at(-1)!.toAddress).toBe(email);
  });

  it("routes by In-Reply-To when the client lost the Reply-To, but only from the email's recipient", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const { deliverDue } = await import("../../src/email/delivery");
    await deliverDue(env, { applicationId: chat.applicationId });
    const [sent] = await outboxOf(chat.applicationId, "candidate_message");
    expect(sent!.sentMessageId).toBeTruthy();

    const to = "notifications@jobs.example";
    const stranger = await deliver(fill(fixture("plain-reply"), { from: "eve@example.org", to, inReplyTo: sent!.sentMessageId!, body: "Hi" }), { from: "eve@example.org", to });
    expect(stranger.rejected).toMatch(/Unknown recipient/);
    const own = await deliver(fill(fixture("plain-reply"), { from: email, to, inReplyTo: sent!.sentMessageId!, body: "Díky, úterý platí." }), { from: email, to });
    expect(own.rejected).toBeNull();
    expect((await messagesOf(chat.applicationId)).at(-1)).toMatchObject({ authorKind: "candidate", body: "Díky, úterý platí." });
  });
});

describe("refused at SMTP time", () => {
  it("too_large: over MAX_INBOUND_MB, with a hint to share a link; the raw is still kept", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const raw = fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, body: "x".repeat(76).concat("\n").repeat(140_000) });
    const received = await deliver(raw, { from: email, to: chat.candidateAddress });
    expect(received.rejected).toMatch(/limit is 10 MB.*link/);
    const log = await lastLog();
    expect(log).toMatchObject({ outcome: "too_large", applicationId: null });
    expect(await env.FILES.head(log.rawKey!)).not.toBeNull();
  });

  it("unparseable: not an email at all", async () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    const deep = `Content-Type: multipart/mixed; boundary=b\r\n\r\n${"--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n".repeat(300)}`;
    for (const raw of [garbage, deep]) {
      const received = await deliver(raw, { from: "x@example.net", to: "anything@reply.jobs.example" });
      expect(received.rejected).toMatch(/could not be read/);
      expect(await lastLog()).toMatchObject({ outcome: "unparseable" });
    }
  });

  it("unknown_recipient: no routing token, or a tampered one", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const tampered = chat.candidateAddress.replace(/([0-9a-f])@/, (_, c: string) => `${c === "0" ? "1" : "0"}@`);
    for (const to of ["jobs@reply.jobs.example", tampered]) {
      const received = await deliver(fill(fixture("plain-reply"), { from: email, to, body: "Dobrý den" }), { from: email, to });
      expect(received.rejected).toMatch(/Unknown recipient/);
      expect(await lastLog()).toMatchObject({ outcome: "unknown_recipient" });
    }
  });

  it("wrong_sender: the candidate's address from someone else, never answered", async () => {
    const chat = await conversation(world, candidateEmail());
    const before = (await outboxOf(chat.applicationId)).length;
    const raw = fill(fixture("plain-reply"), { from: "eve@example.org", to: chat.candidateAddress, body: "Spam" });
    const received = await deliver(raw, { from: "eve@example.org", to: chat.candidateAddress });
    expect(received.rejected).toMatch(/accepts replies only from/);
    expect(await lastLog()).toMatchObject({ outcome: "wrong_sender", applicationId: chat.applicationId });
    expect(await outboxOf(chat.applicationId)).toHaveLength(before);
    // Jana is an admin, but the candidate's address is not the company's.
    const jana = await deliver(fill(fixture("plain-reply"), { from: "jana@acme.example", to: chat.candidateAddress, body: "x" }), {
      from: "jana@acme.example",
      to: chat.candidateAddress,
    });
    expect(jana.rejected).toMatch(/accepts replies only from/);
  });

  it("error: an unexpected failure is logged and refused with a temporary-failure reason", async () => {
    const brokenFiles = { ...env.FILES, put: () => Promise.reject(new Error("R2 is down")) } as unknown as R2Bucket;
    const msgId = newMessageId();
    const received = await deliver(
      fill(fixture("plain-reply"), { from: "a@example.net", to: "b@reply.jobs.example", msgId, body: "x" }),
      { from: "a@example.net", to: "b@reply.jobs.example" },
      undefined,
      { ...env, FILES: brokenFiles },
    );
    expect(received.rejected).toMatch(/Temporary failure/);
    expect(await lastLog()).toMatchObject({ outcome: "error", reason: "Error: R2 is down", rawKey: null });
  });

  it("a failure after postMessage committed is not refused (the sender would send it twice)", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const unavailable = () => {
      throw new Error("hub unavailable");
    };
    const brokenHub = { idFromName: unavailable } as unknown as typeof env.COMPANY_HUB;
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, msgId, body: "Jednou a dost." });
    const received = await deliver(raw, { from: email, to: chat.candidateAddress }, undefined, { ...env, COMPANY_HUB: brokenHub });
    expect(received.rejected).toBeNull();
    const stored = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(stored.body).toBe("Jednou a dost.");
    // Live fan-out runs after the SMTP answer and its failure changes nothing of it; the emails still went.
    expect((await logOf(msgId))[0]).toMatchObject({ outcome: "stored", storedMessageId: stored.id });
    expect((await outboxOf(chat.applicationId, "new_message")).at(-1)).toMatchObject({ messageId: stored.id, state: "sent" });
  });
});

describe("accepted without storing", () => {
  it("duplicate: the same Message-ID again stores nothing", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const raw = fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, body: "Jednou stačí." });
    await deliver(raw, { from: email, to: chat.candidateAddress });
    const count = (await messagesOf(chat.applicationId)).length;
    expect((await deliver(raw, { from: email, to: chat.candidateAddress })).rejected).toBeNull();
    expect(await messagesOf(chat.applicationId)).toHaveLength(count);
    expect(await lastLog()).toMatchObject({ outcome: "duplicate" });
  });

  it.each([
    ["ooo-cs", "out_of_office_subject"],
    ["auto-submitted", "auto_submitted"],
    ["bounce", "delivery_report"],
    ["list", "list_id"],
  ])("automatic (%s): dropped silently, never answered", async (name, reason) => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    const before = await outboxOf(chat.applicationId);
    const envelopeFrom = name === "bounce" ? "" : email;
    const received = await deliver(fill(fixture(name), { from: email, to: chat.candidateAddress }), { from: envelopeFrom, to: chat.candidateAddress });
    expect(received.rejected).toBeNull();
    expect(await lastLog()).toMatchObject({ outcome: "automatic", reason });
    expect(await messagesOf(chat.applicationId)).toHaveLength(2);
    expect(await outboxOf(chat.applicationId)).toHaveLength(before.length);
  });

  it("rejected_application: the candidate gets one automatic answer a day, nothing is stored", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    expect((await call(`/api/applications/${chat.applicationId}/reject`, { cookie: world.jana, method: "POST" })).status).toBe(200);
    const count = (await messagesOf(chat.applicationId)).length;
    const firstId = newMessageId();
    for (const msgId of [firstId, newMessageId()]) {
      const received = await deliver(fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, msgId, body: "Proč?" }), { from: email, to: chat.candidateAddress });
      expect(received.rejected).toBeNull();
    }
    expect((await logOf(firstId))[0]).toMatchObject({ outcome: "rejected_application", reason: "notice sent" });
    expect(await lastLog()).toMatchObject({ outcome: "rejected_application", reason: "notice already sent in the last 24 h" });
    expect(await messagesOf(chat.applicationId)).toHaveLength(count);
    const notices = await outboxOf(chat.applicationId, "rejected_notice");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ toAddress: email, inReplyTo: firstId, replyTo: chat.candidateAddress });
    expect(notices[0]!.raw).toContain("Auto-Submitted: auto-replied");
    expect(notices[0]!.textBody).toContain("kariera@acme.example");
  });

  it("nothing_found: a reply with only the quote is answered once, not stored", async () => {
    const email = candidateEmail();
    const chat = await conversation(world, email);
    for (let i = 0; i < 2; i++) {
      const received = await deliver(fill(fixture("only-quote"), { from: email, to: chat.candidateAddress }), { from: email, to: chat.candidateAddress });
      expect(received.rejected).toBeNull();
      expect(await lastLog()).toMatchObject({ outcome: "nothing_found" });
    }
    expect(await messagesOf(chat.applicationId)).toHaveLength(2);
    expect((await outboxOf(chat.applicationId, "nothing_found")).map((r) => r.toAddress)).toEqual([email]);
  });
});
