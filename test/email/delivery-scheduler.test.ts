// The delivery scheduler: one Durable Object per conversation sends what a commit queued at once, arms its
// alarm for what is still waiting, and tells the conversation's admins each message's combined state.
import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { outbox } from "../../src/db/schema";
import { deliveryScheduler } from "../../src/email/delivery-scheduler";
import { connect, seedCompany } from "../live/helpers";
import { storeMessage } from "../support/records";

let s: Awaited<ReturnType<typeof seedCompany>>;
beforeEach(async () => {
  s = await seedCompany(`co${Math.random().toString(36).slice(2, 8)}`);
});

async function messageWithEmails(dueAt: number[]) {
  const db = database(env.DB);
  const row = await storeMessage(s);
  const rows = await db
    .insert(outbox)
    .values(
      dueAt.map((at, i) => ({
        companyId: s.companyId,
        applicationId: s.applicationId,
        messageId: row.id,
        kind: "new_message" as const,
        recipientKind: `address:${i + 1}`,
        toAddress: `jobs${i}@example.com`,
        nextAttemptAt: at,
        createdAt: Date.now(),
      })),
    )
    .returning();
  return { messageId: row.id, outboxIds: rows.map((r) => r.id) };
}

describe("DeliveryScheduler", () => {
  it("sends what is due at once, re-arms its alarm for the rest, and tells admins (not the candidate) the message's state", async () => {
    const jana = await connect(`/api/applications/${s.applicationId}/live`, { Cookie: s.jana.cookie });
    const candidate = await connect(`/api/c/${s.candidateToken}/live`);
    const later = Date.now() + 3_600_000;
    const { messageId } = await messageWithEmails([Date.now(), later]);
    const scope = { applicationId: s.applicationId };
    const scheduler = deliveryScheduler(env, scope);

    await scheduler.deliverSoon(scope);
    expect(await jana.next(5_000)).toEqual({ type: "delivery.updated", messageId, delivery: { state: "pending" } }); // one out, one waiting
    expect(await candidate.drain()).toEqual([]);
    await evictDurableObject(scheduler); // the alarm must find its scope in storage, not in memory
    expect(await runInDurableObject(scheduler, (_instance, state) => state.storage.getAlarm())).toBe(later);

    // When the alarm fires (made due here), the rest goes, and admins learn the message is delivered.
    await database(env.DB)
      .update(outbox)
      .set({ nextAttemptAt: Date.now() })
      .where(and(eq(outbox.messageId, messageId), eq(outbox.state, "pending")));
    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    expect(await jana.next(5_000)).toEqual({ type: "delivery.updated", messageId, delivery: { state: "sent" } });
    const states = await database(env.DB).select({ state: outbox.state }).from(outbox).where(eq(outbox.messageId, messageId));
    expect(states.map((r) => r.state)).toEqual(["sent", "sent"]);
    expect(await runInDurableObject(scheduler, (_instance, state) => state.storage.getAlarm())).toBeNull();
  });

  it("sends only the rows it is handed, leaving other due rows to their own request or the alarm", async () => {
    const { outboxIds } = await messageWithEmails([Date.now(), Date.now()]);
    const scope = { applicationId: s.applicationId };
    await deliveryScheduler(env, scope).deliverSoon(scope, [outboxIds[0]!]);
    const rows = await database(env.DB).select({ id: outbox.id, state: outbox.state }).from(outbox).where(eq(outbox.applicationId, s.applicationId));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({ [outboxIds[0]!]: "sent", [outboxIds[1]!]: "pending" });
  });
});
