// The one outbox writer: rows name what to send and to whom; nothing is rendered when they are queued.
import { env } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { overdueScopes, queueAutomaticAnswer, queueToCompany } from "../../src/db/outbox";
import { rawBatch } from "../../src/db/raw-batch";
import { notificationAddresses, outbox } from "../../src/db/schema";
import { newApplication, storeMessage } from "../support/records";

const db = database(env.DB);

async function conversation(addresses: string[]) {
  const { companyId, offerId, applicationId } = await newApplication({ locale: "cs", candidateName: "Ota" });
  const now = Date.now();
  for (const email of addresses) await db.insert(notificationAddresses).values({ offerId, email });
  const message = await storeMessage({ applicationId, companyId }, { authorName: "Ota", body: "Dobrý den", createdAt: now });
  return { companyId, applicationId, messageId: message.id };
}

describe("the outbox writer", () => {
  it("queues one email per notification address of the offer, unrendered", async () => {
    const c = await conversation(["jobs@outboxed.example", "hr@outboxed.example"]);
    const [ids] = await rawBatch<{ id: number }>(env.DB, [queueToCompany(sql`${c.applicationId}`, sql`${c.messageId}`, "new_message", Date.now())]);
    expect(ids).toHaveLength(2);
    const rows = await db.select().from(outbox).where(eq(outbox.applicationId, c.applicationId));
    expect(rows.map((r) => r.toAddress).sort()).toEqual(["hr@outboxed.example", "jobs@outboxed.example"]);
    expect(rows.every((r) => r.state === "pending" && r.subject === null && r.raw === null && r.recipientKind.startsWith("address:"))).toBe(true);
  });

  it("queues an automatic answer once a day per application (and per address for nothing-found)", async () => {
    const c = await conversation([]);
    const now = Date.now();
    const answer = {
      companyId: c.companyId,
      applicationId: c.applicationId,
      kind: "nothing_found" as const,
      recipientKind: "candidate",
      toAddress: "ota@example.net",
      inReplyTo: null,
    };
    expect(await queueAutomaticAnswer(env.DB, answer, now)).toHaveLength(1);
    expect(await queueAutomaticAnswer(env.DB, answer, now + 60_000)).toEqual([]);
    expect(await queueAutomaticAnswer(env.DB, { ...answer, toAddress: "other@example.net" }, now + 60_000)).toHaveLength(1);
    expect(await queueAutomaticAnswer(env.DB, answer, now + 25 * 3_600_000)).toHaveLength(1);
  });

  it("names the schedulers of overdue rows: a conversation's, or the company's for rows of none", async () => {
    const c = await conversation(["jobs@outboxed.example"]);
    const long = Date.now() - 10 * 60_000;
    await db.insert(outbox).values([
      {
        companyId: c.companyId,
        applicationId: c.applicationId,
        messageId: c.messageId,
        kind: "new_message",
        recipientKind: "address:1",
        toAddress: "jobs@outboxed.example",
        nextAttemptAt: long,
        createdAt: long,
      },
      { companyId: c.companyId, kind: "invitation", recipientKind: "person", toAddress: "new@outboxed.example", payload: "{}", nextAttemptAt: long, createdAt: long },
    ]);
    const scopes = await overdueScopes(db, Date.now() - 60_000, 500);
    expect(scopes).toContainEqual({ applicationId: c.applicationId });
    expect(scopes).toContainEqual({ companyId: c.companyId });
  });
});
