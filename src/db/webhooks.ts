/** Webhooks of a company and the log of their deliveries (each row one event to one endpoint, with its retries). */
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "./client";
import { rawBatch } from "./raw-batch";
import { webhookDeliveries, webhooks, type WebhookEvent } from "./schema";

export async function insertWebhook(db: Db, w: { companyId: number; url: string; events: WebhookEvent[]; secret: string; now: number }) {
  const [row] = await db
    .insert(webhooks)
    .values({ companyId: w.companyId, url: w.url, events: JSON.stringify(w.events), secret: w.secret, createdAt: w.now })
    .returning();
  return row!;
}

export async function companyWebhooks(db: Db, companyId: number) {
  return db.select().from(webhooks).where(eq(webhooks.companyId, companyId)).orderBy(asc(webhooks.id));
}

export async function companyWebhook(db: Db, companyId: number, id: number) {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.companyId, companyId)));
  return row ?? null;
}

/** Removes the webhook and its delivery log; false when the company has no such webhook. */
export async function deleteWebhook(db: Db, companyId: number, id: number): Promise<boolean> {
  if (!(await companyWebhook(db, companyId, id))) return false;
  await db.batch([db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)), db.delete(webhooks).where(eq(webhooks.id, id))]);
  return true;
}

export const DELIVERIES_SHOWN = 100;

export async function deliveriesOf(db: Db, webhookId: number) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_SHOWN);
}

export interface DueDelivery {
  id: string;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
}

/** The first attempt is the committing request's; the cron's retry only comes for a row still pending after this. */
const FIRST_RETRY_AFTER_MS = 60_000;

/**
 * One delivery per webhook of the company that subscribed to the event, in one statement; each gets its own
 * `webhook-id`. Returns what to send.
 */
export async function enqueueDeliveries(
  d1: D1Database,
  e: { companyId: number; applicationId: number | null; event: WebhookEvent; payload: string; now: number },
): Promise<DueDelivery[]> {
  const [rows] = await rawBatch<{ id: string; webhookId: number }>(d1, [
    sql`INSERT INTO ${webhookDeliveries} (id, webhook_id, company_id, application_id, event, payload, status, attempts, next_attempt_at, created_at)
      SELECT 'msg_' || lower(hex(randomblob(12))), w.id, w.company_id, ${e.applicationId}, ${e.event}, ${e.payload}, 'pending', 0, ${e.now + FIRST_RETRY_AFTER_MS}, ${e.now}
      FROM ${webhooks} w WHERE w.company_id = ${e.companyId} AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = ${e.event})
      RETURNING id, webhook_id AS webhookId`,
  ]);
  if (!rows || rows.length === 0) return [];
  return dueByIds(
    d1,
    rows.map((r) => r.id),
  );
}

/** Deliveries whose next attempt is due (the cron's retries), oldest first. */
export async function dueDeliveries(db: Db, now: number, limit: number): Promise<DueDelivery[]> {
  return db
    .select({ id: webhookDeliveries.id, url: webhooks.url, secret: webhooks.secret, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
}

async function dueByIds(d1: D1Database, ids: string[]): Promise<DueDelivery[]> {
  const [rows] = await rawBatch<DueDelivery>(d1, [
    sql`SELECT d.id, w.url, w.secret, d.payload, d.attempts FROM ${webhookDeliveries} d JOIN ${webhooks} w ON w.id = d.webhook_id
      WHERE d.id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  ]);
  return rows ?? [];
}

/**
 * What an attempt came to. Only a pending row at the attempt count it was sent with is updated: of two senders
 * that picked up the same row (the request and the cron), the second's record changes nothing.
 */
export async function recordAttempt(
  db: Db,
  id: string,
  sentAtAttempts: number,
  result: { status: "pending" | "succeeded" | "failed"; responseStatus: number | null; lastError: string | null; nextAttemptAt: number },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ ...result, attempts: sentAtAttempts + 1 })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, sentAtAttempts)));
}
