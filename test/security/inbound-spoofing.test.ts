// Inbound spoofing and routing-token tampering, through the Worker's email() handler. The pipeline's
// documented rule (src/email/inbound/verify-sender.ts): the identity checked is the From header's address,
// not the envelope sender (forwarders rewrite the envelope); the signed routing address says which
// conversation and which side. A refusal is an SMTP reject: nothing is stored, nobody is notified, and the
// spoofed address is never mailed by us (no backscatter).
import { env } from "cloudflare:test";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { inboundLog, messages, outbox } from "../../src/db/schema";
import { deliverDue } from "../../src/email/delivery";
import { deliver, db, fill, fixture, lastLog, messagesOf, newMessageId, outboxOf } from "../email/inbound-support";
import { securityWorld } from "./support";

let w: Awaited<ReturnType<typeof securityWorld>>;
beforeAll(async () => {
  w = await securityWorld("spoof");
});

const STRANGER = "mallory@evil.example";

/** A plain reply, as a mail client writes it. */
const reply = (from: string, to: string, body: string, msgId = newMessageId()) => fill(fixture("plain-reply"), { from, to, body, msgId });

/** Delivers and checks the refusal: SMTP reject, the outcome logged, nothing stored anywhere, no email out. */
async function expectRefused(raw: string, envelope: { from: string; to: string }, outcome: string, mailedNobody: string[] = [STRANGER]) {
  const before = { messages: await countOf(messages), outbox: await countOf(outbox) };
  const received = await deliver(raw, envelope);
  expect(received.rejected, `${outcome} expected`).not.toBeNull();
  expect(await lastLog()).toMatchObject({ outcome, storedMessageId: null });
  expect(await countOf(messages)).toBe(before.messages);
  expect(await countOf(outbox)).toBe(before.outbox);
  for (const address of mailedNobody) expect(await db.select().from(outbox).where(eq(outbox.toAddress, address))).toEqual([]);
  return received;
}

async function expectStored(raw: string, envelope: { from: string; to: string }, applicationId: number, author: Record<string, unknown>, body: string) {
  const received = await deliver(raw, envelope);
  expect(received.rejected).toBeNull();
  expect(await lastLog()).toMatchObject({ outcome: "stored", applicationId });
  expect((await messagesOf(applicationId)).at(-1)).toMatchObject({ ...author, channel: "email", body });
}

const countOf = async (table: typeof messages | typeof outbox) => (await db.select({ n: count() }).from(table))[0]!.n;

/** The routing address with one hex digit of its signature changed. */
const tamperAddress = (address: string) => address.replace(/([0-9a-f])@/, (_, c: string) => `${c === "0" ? "1" : "0"}@`);

describe("replies to a candidate's routing address", () => {
  it("From someone else is refused; nothing is stored and the stranger gets no email", async () => {
    await expectRefused(reply(STRANGER, w.a.candidateAddress, "Please wire the fee."), { from: STRANGER, to: w.a.candidateAddress }, "wrong_sender");
  });

  it("From someone else with the candidate's name as display name is refused (the address decides)", async () => {
    await expectRefused(reply(`"${w.a.email}" <${STRANGER}>`, w.a.candidateAddress, "Spoofed by name."), { from: STRANGER, to: w.a.candidateAddress }, "wrong_sender");
  });

  it("From an admin of the company is refused too: the candidate's address is the candidate's alone", async () => {
    await expectRefused(reply("petr@acme.example", w.a.candidateAddress, "Writing as the candidate."), { from: "petr@acme.example", to: w.a.candidateAddress }, "wrong_sender", []);
  });

  it("From the candidate but with a tampered token is refused as an unknown recipient", async () => {
    const to = tamperAddress(w.a.candidateAddress);
    expect(to).not.toBe(w.a.candidateAddress);
    await expectRefused(reply(w.a.email, to, "Tampered."), { from: w.a.email, to }, "unknown_recipient", []);
  });

  it("From the candidate but with the token re-pointed at another application (signature kept) is refused", async () => {
    const to = w.a.candidateAddress.replace(/^r[0-9a-z]+\./, `r${w.b.applicationId.toString(36)}.`);
    expect(to).not.toBe(w.a.candidateAddress);
    await expectRefused(reply(w.a.email, to, "Re-pointed."), { from: w.a.email, to }, "unknown_recipient", []);
  });

  it("From candidate A to candidate B's valid address is refused; nothing lands in either conversation", async () => {
    const [inA, inB] = [(await messagesOf(w.a.applicationId)).length, (await messagesOf(w.b.applicationId)).length];
    await expectRefused(reply(w.a.email, w.b.candidateAddress, "Wrong thread."), { from: w.a.email, to: w.b.candidateAddress }, "wrong_sender", []);
    expect(await messagesOf(w.a.applicationId)).toHaveLength(inA);
    expect(await messagesOf(w.b.applicationId)).toHaveLength(inB);
  });

  it("an upper-cased routing address (some servers change the case) still routes to the candidate's conversation", async () => {
    const to = w.a.candidateAddress.toUpperCase();
    await expectStored(
      reply(w.a.email.toUpperCase(), to, "Velkými písmeny."),
      { from: w.a.email.toUpperCase(), to },
      w.a.applicationId,
      { authorKind: "candidate" },
      "Velkými písmeny.",
    );
  });
});

describe("replies to a company-side routing address (a notification's Reply-To)", () => {
  it("from an address that is neither a notification address nor an admin of the company is refused", async () => {
    await expectRefused(reply(STRANGER, w.a.companyAddress, "I am HR, honestly."), { from: STRANGER, to: w.a.companyAddress }, "wrong_sender");
  });

  it("from Globex's admin answering Acme's company token is refused", async () => {
    await expectRefused(reply("eva@globex.example", w.a.companyAddress, "Come work for Globex."), { from: "eva@globex.example", to: w.a.companyAddress }, "wrong_sender", []);
  });

  it("from the candidate is refused: they may not write as the company", async () => {
    await expectRefused(reply(w.a.email, w.a.companyAddress, "You are hired (says the company)."), { from: w.a.email, to: w.a.companyAddress }, "wrong_sender", []);
  });

  it("with a tampered token is refused even from the notification address", async () => {
    const to = tamperAddress(w.a.companyAddress);
    await expectRefused(reply("jobs@acme.example", to, "Tampered company token."), { from: "jobs@acme.example", to }, "unknown_recipient", []);
  });

  it("from the notification address and from an admin of the company reaches the conversation (the control)", async () => {
    await expectStored(
      reply("jobs@acme.example", w.a.companyAddress, "Potvrzujeme úterý."),
      { from: "jobs@acme.example", to: w.a.companyAddress },
      w.a.applicationId,
      { authorKind: "company" },
      "Potvrzujeme úterý.",
    );
    await expectStored(
      reply("Petr Svoboda <PETR@acme.example>", w.a.companyAddress, "Těším se."),
      { from: "petr@acme.example", to: w.a.companyAddress },
      w.a.applicationId,
      { authorKind: "admin", authorName: "Petr Svoboda" },
      "Těším se.",
    );
  });
});

describe("envelope sender vs From header (the From header decides)", () => {
  it("envelope from the candidate but From a stranger: refused", async () => {
    await expectRefused(reply(STRANGER, w.b.candidateAddress, "Envelope says candidate."), { from: w.b.email, to: w.b.candidateAddress }, "wrong_sender");
  });

  it("envelope from a stranger but From the candidate (a forwarder's SRS address): stored", async () => {
    const srs = `SRS0=HHH=TT=example.net=${w.b.email.split("@")[0]}@forwarder.example`;
    await expectStored(
      reply(w.b.email, w.b.candidateAddress, "Přeposláno přes forwarder."),
      { from: srs, to: w.b.candidateAddress },
      w.b.applicationId,
      { authorKind: "candidate" },
      "Přeposláno přes forwarder.",
    );
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, srs))).toEqual([]);
  });

  it("envelope from the candidate but no From header at all: refused", async () => {
    const raw = reply(w.b.email, w.b.candidateAddress, "No From.").replace(/^From: .*\r\n/m, "");
    expect(raw).not.toMatch(/^From:/m);
    await expectRefused(raw, { from: w.b.email, to: w.b.candidateAddress }, "wrong_sender", []);
  });

  it("Sender or Reply-To naming the candidate does not make a stranger's From acceptable", async () => {
    const raw = reply(STRANGER, w.b.candidateAddress, "Headers say candidate.").replace(/^From: .*\r\n/m, (from) => `${from}Sender: ${w.b.email}\r\nReply-To: ${w.b.email}\r\n`);
    await expectRefused(raw, { from: w.b.email, to: w.b.candidateAddress }, "wrong_sender");
  });
});

describe("threading headers are no way in", () => {
  it("a stranger citing a real Message-ID of ours (In-Reply-To) to a non-routing address is refused", async () => {
    await deliverDue(env, { applicationId: w.a.applicationId });
    const [sent] = await outboxOf(w.a.applicationId, "candidate_message");
    const messageId = sent!.sentMessageId!;
    expect(messageId).toBeTruthy();
    const raw = fill(fixture("plain-reply"), { from: STRANGER, to: "notifications@jobs.example", body: "Thread hijack.", inReplyTo: messageId });
    await expectRefused(raw, { from: STRANGER, to: "notifications@jobs.example" }, "unknown_recipient");
  });
});

it("every refusal above left its inbound_log row", async () => {
  const refused = await db.select().from(inboundLog).where(eq(inboundLog.outcome, "wrong_sender"));
  expect(refused.length).toBeGreaterThanOrEqual(10);
});
