/** Webhooks of a company and the log of their deliveries (each row one event to one endpoint, with its retries). */
import { and, asc, desc, eq, isNull, lte, min, sql } from "drizzle-orm";
import type { Db } from "./client";
import { queueWebhookDisabled } from "./outbox";
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

/**
 * Turns a webhook on again (its failure count starts over) or off by hand; null when the company has no such
 * webhook. Turning off keeps the time it was first turned off.
 */
export async function setWebhookActive(db: Db, companyId: number, id: number, active: boolean, now: number) {
  const [row] = await db
    .update(webhooks)
    .set(active ? { disabledAt: null, consecutiveFailures: 0 } : { disabledAt: sql`coalesce(${webhooks.disabledAt}, ${now})` })
    .where(and(eq(webhooks.id, id), eq(webhooks.companyId, companyId)))
    .returning();
  return row ?? null;
}

export const DELIVERIES_SHOWN = 100;

/** A webhook's latest deliveries, newest first (a query, so several can share one batch). */
export function deliveriesOf(db: Db, webhookId: number, limit = DELIVERIES_SHOWN) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit);
}

/** The latest few deliveries of each of these webhooks, in one round trip (each read bounded by its index). */
export async function latestDeliveries(db: Db, webhookIds: number[], perWebhook: number) {
  const [first, ...rest] = webhookIds.map((id) => deliveriesOf(db, id, perWebhook));
  if (!first) return new Map<number, (typeof webhookDeliveries.$inferSelect)[]>();
  const results = await db.batch([first, ...rest]);
  return new Map(webhookIds.map((id, i) => [id, results[i]!]));
}

export interface DueDelivery {
  id: string;
  webhookId: number;
  companyId: number;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
}

/** The first attempt is the committing request's; a retry only comes for a row still pending after this. */
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
      FROM ${webhooks} w WHERE w.company_id = ${e.companyId} AND w.disabled_at IS NULL AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = ${e.event})
      RETURNING id, webhook_id AS webhookId`,
  ]);
  if (!rows || rows.length === 0) return [];
  return dueByIds(
    d1,
    rows.map((r) => r.id),
  );
}

/** Pending deliveries of webhooks that are on (a disabled webhook's wait until it is enabled again). */
function pendingOf(companyId?: number) {
  return and(eq(webhookDeliveries.status, "pending"), isNull(webhooks.disabledAt), companyId === undefined ? undefined : eq(webhookDeliveries.companyId, companyId));
}

/** Deliveries (of one company, or all) whose next attempt is due by `dueBy`, oldest first. */
export async function dueDeliveries(db: Db, dueBy: number, limit: number, companyId?: number): Promise<DueDelivery[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      companyId: webhookDeliveries.companyId,
      url: webhooks.url,
      secret: webhooks.secret,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(pendingOf(companyId), lte(webhookDeliveries.nextAttemptAt, dueBy)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
}

/** When the company's next webhook retry is due; null when none waits. */
export async function nextWebhookAttemptAt(db: Db, companyId: number): Promise<number | null> {
  const [row] = await db
    .select({ at: min(webhookDeliveries.nextAttemptAt) })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(pendingOf(companyId));
  return row?.at ?? null;
}

async function dueByIds(d1: D1Database, ids: string[]): Promise<DueDelivery[]> {
  const [rows] = await rawBatch<DueDelivery>(d1, [
    sql`SELECT d.id, d.webhook_id AS webhookId, d.company_id AS companyId, w.url, w.secret, d.payload, d.attempts FROM ${webhookDeliveries} d JOIN ${webhooks} w ON w.id = d.webhook_id
      WHERE d.id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  ]);
  return rows ?? [];
}

/**
 * What an attempt came to. Only a pending row at the attempt count it was sent with is updated: of two senders
 * that picked up the same row (the request and the cron), the second's record changes nothing, its webhook's
 * count included. A delivery that ends (succeeded, or failed for good) moves its webhook's count of failures in
 * a row: a success starts it over, a failure adds one, and at `disableAfter` the webhook is disabled and, in the
 * same batch, its company's admins are emailed. Only the statement that sets `disabled_at` queues them, so they
 * hear of it once; returns the company and the emails' outbox ids then.
 */
export async function recordAttempt(
  d1: D1Database,
  d: DueDelivery,
  result: { status: "pending" | "succeeded" | "failed"; responseStatus: number | null; lastError: string | null; nextAttemptAt: number },
  opts: { now: number; disableAfter: number },
): Promise<{ companyId: number; outboxIds: number[] } | null> {
  const recorded = sql`UPDATE ${webhookDeliveries} SET status = ${result.status}, response_status = ${result.responseStatus}, last_error = ${result.lastError},
      next_attempt_at = ${result.nextAttemptAt}, attempts = ${d.attempts + 1}
    WHERE id = ${d.id} AND status = 'pending' AND attempts = ${d.attempts}`;
  // Each changes() below: whether the statement before it changed a row.
  if (result.status === "pending") await rawBatch(d1, [recorded]);
  else if (result.status === "succeeded")
    await rawBatch(d1, [recorded, sql`UPDATE ${webhooks} SET consecutive_failures = 0 WHERE id = ${d.webhookId} AND consecutive_failures > 0 AND changes() > 0`]);
  else {
    const [, , disabled, queued] = await rawBatch<{ companyId: number; id: number }>(d1, [
      recorded,
      sql`UPDATE ${webhooks} SET consecutive_failures = consecutive_failures + 1 WHERE id = ${d.webhookId} AND changes() > 0`,
      sql`UPDATE ${webhooks} SET disabled_at = ${opts.now}
        WHERE id = ${d.webhookId} AND disabled_at IS NULL AND consecutive_failures >= ${opts.disableAfter} AND changes() > 0
        RETURNING company_id AS companyId`,
      queueWebhookDisabled(d.webhookId, sql`changes() > 0`, opts.now),
    ]);
    if (disabled?.[0]) return { companyId: disabled[0].companyId, outboxIds: (queued ?? []).map((r) => r.id) };
  }
  return null;
}
