import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema";
import * as records from "../support/records";
import { MAX_ATTEMPTS, deliverDue, retryDelay } from "../../src/email/delivery";

const db = drizzle(env.DB, { schema });
const now = Date.UTC(2026, 1, 3, 12, 0);
/** A company, offer, candidate and application of their own, so tests do not see each other's rows. */
async function newApplication(): Promise<number> {
  return (await records.newApplication({ locale: "cs", offerTitle: "Backend Engineer", candidateName: "Jan Novák" })).applicationId;
}

/** A stored message of Jana's and its email to the candidate (or, with fields, another kind of row). */
async function queue(applicationId: number, fields: Partial<typeof schema.outbox.$inferInsert> = {}) {
  const [application] = await db.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  const message = await records.storeMessage(
    { applicationId, companyId: application!.companyId },
    { authorKind: "admin", authorName: "Jana Nováková", body: "Dobrý den, kdy se můžeme potkat?", createdAt: now },
  );
  const [row] = await db
    .insert(schema.outbox)
    .values({
      companyId: application!.companyId,
      applicationId,
      messageId: message.id,
      kind: "candidate_message",
      recipientKind: "candidate",
      toAddress: application!.candidateEmail,
      nextAttemptAt: now,
      createdAt: now,
      ...fields,
    })
    .returning();
  return row!;
}

/** The environment with a send_email binding that refuses every message (a provider outage). */
const refusing = { ...env, EMAIL: { send: () => Promise.reject(new Error("554 sending refused")) } } as unknown as typeof env;

const companyOf = async (applicationId: number) => {
  const [row] = await db
    .select({ name: schema.companies.name })
    .from(schema.applications)
    .innerJoin(schema.companies, eq(schema.companies.id, schema.applications.companyId))
    .where(eq(schema.applications.id, applicationId));
  return row!;
};

const reload = async (id: number) => (await db.select().from(schema.outbox).where(eq(schema.outbox.id, id)))[0]!;

describe("deliverDue", () => {
  it("renders the email at delivery from the stored message, sends it and stores the Message-ID that send() returned", async () => {
    const applicationId = await newApplication();
    const row = await queue(applicationId);
    expect(row).toMatchObject({ subject: null, textBody: null, raw: null });
    const result = await deliverDue(env, { applicationId }, { now });
    expect(result).toEqual({
      changed: [{ outboxId: row.id, messageId: row.messageId, applicationId, state: "sent" }],
      nextAttemptAt: null,
      nextScheduledAt: null,
      messageStates: [{ messageId: row.messageId, state: "sent" }],
    });

    const sent = await reload(row.id);
    expect(sent).toMatchObject({ state: "sent", attempts: 1, sentAt: now, lastError: null, inReplyTo: null, references: null });
    expect(sent.sentMessageId).toMatch(/^<[^<>@\s]+@jobs\.example>$/);
    // The platform replaces the Message-ID the raw was handed over with; we keep the one it used.
    const handedOver = await PostalMime.parse(sent.raw!);
    expect(handedOver.messageId).not.toBe(sent.sentMessageId);
    expect(handedOver.subject).toBe(sent.subject);
    expect(handedOver.subject).toContain("Backend Engineer");
    expect(handedOver.from).toEqual({ name: `Jana Nováková (${(await companyOf(applicationId)).name})`, address: "notifications@jobs.example" });
    expect(handedOver.text).toContain("Dobrý den, kdy se můžeme potkat?");
    expect(handedOver.replyTo?.[0]?.address).toBe(sent.replyTo);
    expect(sent.replyTo).toMatch(/@reply\.jobs\.example$/);
  });

  it("threads each email under the previous one sent to the same address about the same application", async () => {
    const applicationId = await newApplication();
    const first = await queue(applicationId);
    await deliverDue(env, { applicationId }, { now });
    const second = await queue(applicationId);
    const toCompany = await queue(applicationId, { kind: "new_message", toAddress: "jobs@acme.example", recipientKind: "address:1" });
    await deliverDue(env, { applicationId }, { now });
    const third = await queue(applicationId);
    await deliverDue(env, { applicationId }, { now });

    const [one, two, other, three] = await Promise.all([first, second, toCompany, third].map((r) => reload(r.id)));
    expect(two).toMatchObject({ inReplyTo: one!.sentMessageId, references: one!.sentMessageId });
    expect(three).toMatchObject({ inReplyTo: two!.sentMessageId, references: `${one!.sentMessageId} ${two!.sentMessageId}` });
    expect(other!.inReplyTo).toBeNull();
    const parsed = await PostalMime.parse(three!.raw!);
    expect(parsed.inReplyTo).toBe(two!.sentMessageId);
    expect(parsed.references).toBe(`${one!.sentMessageId} ${two!.sentMessageId}`);
  });

  it("threads emails sent in one run under each other, though the run records them only at its end", async () => {
    const applicationId = await newApplication();
    const rows = [await queue(applicationId), await queue(applicationId), await queue(applicationId)];
    const toCompany = await queue(applicationId, { kind: "new_message", toAddress: "jobs@acme.example", recipientKind: "address:1" });
    const result = await deliverDue(env, { applicationId }, { now });
    expect(result.changed.map((c) => c.state)).toEqual(["sent", "sent", "sent", "sent"]);

    const [one, two, three, other] = await Promise.all([...rows, toCompany].map((r) => reload(r.id)));
    expect(one).toMatchObject({ inReplyTo: null, references: null });
    expect(two).toMatchObject({ inReplyTo: one!.sentMessageId, references: one!.sentMessageId });
    expect(three).toMatchObject({ inReplyTo: two!.sentMessageId, references: `${one!.sentMessageId} ${two!.sentMessageId}` });
    expect(other).toMatchObject({ state: "sent", inReplyTo: null });
  });

  it("keeps an In-Reply-To the row was queued with (an answer to an inbound email)", async () => {
    const applicationId = await newApplication();
    await queue(applicationId);
    await deliverDue(env, { applicationId }, { now });
    const answer = await queue(applicationId, { kind: "rejected_notice", messageId: null, inReplyTo: "<inbound@example.cz>" });
    await deliverDue(env, { applicationId }, { now });
    const sent = await reload(answer.id);
    expect(sent.inReplyTo).toBe("<inbound@example.cz>");
    expect(sent.references?.split(" ")).toHaveLength(2);
  });

  it("retries a refused email with backoff and gives up after the last attempt", async () => {
    const applicationId = await newApplication();
    const row = await queue(applicationId);
    let at = now;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect((await deliverDue(refusing, { applicationId }, { now: at - 1 })).changed, "not due yet").toEqual([]);
      const result = await deliverDue(refusing, { applicationId }, { now: at });
      const failed = await reload(row.id);
      expect(failed.attempts).toBe(attempt);
      expect(failed.lastError).toMatch(/sending refused/);
      expect(failed.raw).toContain("Content-Type: multipart/alternative"); // what was attempted is kept
      if (attempt < MAX_ATTEMPTS) {
        expect(result.changed).toEqual([{ outboxId: row.id, messageId: row.messageId, applicationId, state: "pending" }]);
        expect(failed.nextAttemptAt).toBe(at + retryDelay(attempt));
        expect(result.nextAttemptAt).toBe(failed.nextAttemptAt);
        at = failed.nextAttemptAt;
      } else {
        expect(result.changed[0]?.state).toBe("failed");
        expect(failed.state).toBe("failed");
        expect(result.nextAttemptAt).toBeNull();
      }
    }
  });

  it("marks a row it cannot render as failed (visible, never silently dropped)", async () => {
    const applicationId = await newApplication();
    // A message that is not of this conversation: rendering never reaches across conversations.
    const foreign = await queue(await newApplication());
    const row = await queue(applicationId, { messageId: foreign.messageId });
    const result = await deliverDue(env, { applicationId }, { now });
    expect(result.changed).toEqual([{ outboxId: row.id, messageId: foreign.messageId, applicationId, state: "failed" }]);
    expect(await reload(row.id)).toMatchObject({ state: "failed", lastError: expect.stringMatching(/nothing to render/) });
  });

  it("only delivers the given application's rows when asked to", async () => {
    const mine = await newApplication();
    const other = await newApplication();
    const row = await queue(mine);
    const untouched = await queue(other, { nextAttemptAt: now + 5_000 });
    const result = await deliverDue(env, { applicationId: mine }, { now });
    expect(result.changed.map((c) => c.outboxId)).toEqual([row.id]);
    expect((await reload(untouched.id)).state).toBe("pending");
    expect((await deliverDue(env, { applicationId: other }, { now })).nextAttemptAt).toBe(now + 5_000);
  });

  it("sends each email once when two deliveries run at the same time", async () => {
    const applicationId = await newApplication();
    const rows = await Promise.all([queue(applicationId), queue(applicationId), queue(applicationId)]);
    const results = await Promise.all([deliverDue(env, { applicationId }, { now }), deliverDue(env, { applicationId }, { now })]);
    const sentIds = results.flatMap((r) => r.changed.map((c) => c.outboxId)).sort();
    expect(sentIds).toEqual(rows.map((r) => r.id).sort());
  });
});

describe("delivery helpers", () => {
  it("backs off from 30 seconds, doubling, up to an hour", () => {
    expect([1, 2, 3, 4, 5].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(20)).toBe(3_600_000);
  });
});
