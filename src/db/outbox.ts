/**
 * The one writer of outbox rows. A row names what to send and to whom (kind, recipient, the stored message);
 * the email itself is rendered when it is delivered (src/email/outbox-email.ts), so queuing needs nothing read
 * first and rides in the batch of whatever caused it.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, min, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { placeholderValue, preparedQuery, type Preparable } from "./prepared";
import { rawBatch } from "./raw-batch";
import { admins, applications, notificationAddresses, outbox, webhooks } from "./schema";

export type OutboxKind = (typeof outbox.$inferSelect)["kind"];

/** Payloads of rows whose email says more than its message and recipient. */
export interface InvitationPayload {
  token: string;
  inviterName: string;
  expiresAt: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Queues the email a new message sends to its candidate. `message` is the message's id as SQL (the row is
 * inserted in the same batch); the candidate's address is read inside the statement.
 */
export function queueToCandidate(applicationId: SQL, message: SQL, kind: OutboxKind, now: number): SQL {
  return sql`INSERT INTO ${outbox} (company_id, application_id, message_id, kind, recipient_kind, to_address, next_attempt_at, created_at)
    SELECT company_id, id, ${message}, ${kind}, 'candidate', candidate_email, ${now}, ${now} FROM ${applications} WHERE id = ${applicationId}
    RETURNING id`;
}

/** Queues one email per notification address of the application's offer (the company side's copy of a message). */
export function queueToCompany(applicationId: SQL, message: SQL, kind: OutboxKind, now: number): SQL {
  return sql`INSERT INTO ${outbox} (company_id, application_id, message_id, kind, recipient_kind, to_address, next_attempt_at, created_at)
    SELECT a.company_id, a.id, ${message}, ${kind}, 'address:' || n.id, n.email, ${now}, ${now}
    FROM ${applications} a JOIN ${notificationAddresses} n ON n.offer_id = a.offer_id WHERE a.id = ${applicationId}
    RETURNING id`;
}

/** Queues a "you were mentioned" email to each of these admins of the application's company (others are skipped). */
export function queueToAdmins(applicationId: SQL, message: SQL, adminIds: number[], now: number): SQL {
  const ids = sql.join(
    adminIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`INSERT INTO ${outbox} (company_id, application_id, message_id, kind, recipient_kind, to_address, next_attempt_at, created_at)
    SELECT a.company_id, a.id, ${message}, 'mention', 'admin:' || ad.id, ad.email, ${now}, ${now}
    FROM ${applications} a JOIN ${admins} ad ON ad.company_id = a.company_id WHERE a.id = ${applicationId} AND ad.id IN (${ids})
    RETURNING id`;
}

/**
 * Queues an automatic answer (rejected notice, nothing found) unless one of its kind already went to this
 * application in the last day (per address for "nothing found"): no loop between two auto-responders. Returns
 * the new row's id, or no row when one was already sent.
 */
export async function queueAutomaticAnswer(
  d1: D1Database,
  answer: { companyId: number; applicationId: number; kind: "rejected_notice" | "nothing_found"; recipientKind: string; toAddress: string; inReplyTo: string | null },
  now: number,
): Promise<number[]> {
  const [rows] = await rawBatch<{ id: number }>(d1, [automaticAnswerStatement(answer, now)]);
  return (rows ?? []).map((r) => r.id);
}

function automaticAnswerStatement(
  answer: { companyId: number; applicationId: number; kind: "rejected_notice" | "nothing_found"; recipientKind: string; toAddress: string; inReplyTo: string | null },
  now: number,
): SQL {
  const perAddress = answer.kind === "nothing_found" ? sql` AND to_address = ${answer.toAddress}` : sql``;
  return sql`INSERT INTO ${outbox} (company_id, application_id, kind, recipient_kind, to_address, in_reply_to, next_attempt_at, created_at)
    SELECT ${answer.companyId}, ${answer.applicationId}, ${answer.kind}, ${answer.recipientKind}, ${answer.toAddress}, ${answer.inReplyTo}, ${now}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM ${outbox} WHERE application_id = ${answer.applicationId} AND kind = ${answer.kind}
      AND created_at > ${now - DAY_MS}${perAddress})
    RETURNING id`;
}

/**
 * Queues an email to the candidate about their application that is no message (a new link, an erasure request's
 * confirmation or refusal); `payload` is SQL so it can name a row of the same batch.
 */
export function queueCandidateNotice(applicationId: number, kind: "new_link" | "erasure_confirmation" | "erasure_declined", payload: SQL, now: number): SQL {
  return sql`INSERT INTO ${outbox} (company_id, application_id, kind, recipient_kind, to_address, payload, next_attempt_at, created_at)
    SELECT company_id, id, ${kind}, 'candidate', candidate_email, ${payload}, ${now}, ${now} FROM ${applications} WHERE id = ${applicationId}
    RETURNING id`;
}

/** Queues an invitation to join a company (no conversation: its token travels in the payload). */
export function queueInvitation(companyId: number, toAddress: string, payload: InvitationPayload, now: number): SQL {
  return sql`INSERT INTO ${outbox} (company_id, kind, recipient_kind, to_address, payload, next_attempt_at, created_at)
    VALUES (${companyId}, 'invitation', 'person', ${toAddress}, ${JSON.stringify(payload)}, ${now}, ${now}) RETURNING id`;
}

/** What a "webhook disabled" email names (read from the webhook as it is disabled). */
export interface WebhookDisabledPayload {
  webhookId: number;
  url: string;
  failures: number;
}

/**
 * Queues the "your webhook was disabled" email to every admin of its company with a confirmed address, when
 * `when` holds as the statement runs (in the batch that disables it).
 */
export function queueWebhookDisabled(webhookId: number, when: SQL, now: number): SQL {
  return sql`INSERT INTO ${outbox} (company_id, kind, recipient_kind, to_address, payload, next_attempt_at, created_at)
    SELECT ad.company_id, 'webhook_disabled', 'admin:' || ad.id, ad.email,
      json_object('webhookId', w.id, 'url', w.url, 'failures', w.consecutive_failures), ${now}, ${now}
    FROM ${webhooks} w JOIN ${admins} ad ON ad.company_id = w.company_id
    WHERE w.id = ${webhookId} AND ad.email_confirmed_at IS NOT NULL AND ${when}
    RETURNING id`;
}

// Delivery's side: what is due, claims, results, threading, and what an email is rendered from.

export type DeliveryScope = { applicationId: number } | { companyId: number } | Record<string, never>;
type OutboxRow = typeof outbox.$inferSelect;
type ScopeKind = "application" | "company" | "all";

// The scope's conditions with placeholders ("applicationId", "companyId"): each kind's queries are built once.
function inScope(kind: ScopeKind): SQL | undefined {
  if (kind === "application") return eq(outbox.applicationId, sql.placeholder("applicationId"));
  // A company's rows that belong to no conversation (invitations).
  if (kind === "company") return and(eq(outbox.companyId, sql.placeholder("companyId")), isNull(outbox.applicationId));
  return undefined;
}

function kindOf(scope: DeliveryScope): ScopeKind {
  return "applicationId" in scope ? "application" : "companyId" in scope ? "company" : "all";
}

/** One prepared query per scope kind; each use binds the scope's id with the other values. */
function perScope<Values extends Record<string, unknown>, Query extends Preparable>(build: (db: Db, kind: ScopeKind) => Query) {
  const kinds = {
    application: preparedQuery<Values, Query>((db) => build(db, "application")),
    company: preparedQuery<Values, Query>((db) => build(db, "company")),
    all: preparedQuery<Values, Query>((db) => build(db, "all")),
  };
  return (db: Db, scope: DeliveryScope, values: Values) => kinds[kindOf(scope)](db, { ...scope, ...values });
}

const claimQuery = perScope<{ ids: string | null; now: number; until: number; limit: number }, ReturnType<typeof claimStatement>>(claimStatement);

function claimStatement(db: Db, kind: ScopeKind) {
  const now = sql.placeholder("now");
  const ids = sql.placeholder("ids");
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now), inScope(kind), sql`(${ids} IS NULL OR ${outbox.id} IN (SELECT value FROM json_each(${ids})))`))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(sql.placeholder("limit"));
  return db
    .update(outbox)
    .set({ nextAttemptAt: placeholderValue("until") })
    .where(and(inArray(outbox.id, due), eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now)))
    .returning();
}

/**
 * Claims the due rows in scope (or just these ids) for one sender until `until`, in one statement: of senders
 * running at once, each row goes to exactly one; a crashed sender's claim runs out and the row is due again.
 * Oldest first, the order emails of a conversation thread in.
 */
export async function claimDue(db: Db, scope: DeliveryScope, opts: { outboxIds?: number[]; now: number; until: number; limit: number }): Promise<OutboxRow[]> {
  const ids = opts.outboxIds === undefined ? null : JSON.stringify(opts.outboxIds);
  const rows = await claimQuery(db, scope, { ids, now: opts.now, until: opts.until, limit: opts.limit });
  return rows.sort((x, y) => x.id - y.id);
}

export interface DeliveryRecord {
  state: "pending" | "sent" | "failed";
  attempts: number;
  raw: string | null;
  rendered?: { fromAddress: string; replyTo: string | null; subject: string; textBody: string; htmlBody: string };
  sent?: { at: number; messageId: string; inReplyTo: string | null; references: string | null };
  lastError?: string | null;
  nextAttemptAt?: number;
}

// Columns a record may leave as they are (null: keep): what went out is written once, when it is sent.
const keep = (name: string, column: AnyColumn) => sql`coalesce(${sql.placeholder(name)}, ${column})`;

const recordQuery = preparedQuery((db: Db) =>
  db
    .update(outbox)
    .set({
      state: placeholderValue("state"),
      attempts: placeholderValue("attempts"),
      raw: placeholderValue("raw"),
      lastError: placeholderValue("lastError"),
      fromAddress: keep("fromAddress", outbox.fromAddress),
      replyTo: keep("replyTo", outbox.replyTo),
      subject: keep("subject", outbox.subject),
      textBody: keep("textBody", outbox.textBody),
      htmlBody: keep("htmlBody", outbox.htmlBody),
      sentAt: keep("sentAt", outbox.sentAt),
      sentMessageId: keep("sentMessageId", outbox.sentMessageId),
      inReplyTo: keep("inReplyTo", outbox.inReplyTo),
      references: keep("references", outbox.references),
      nextAttemptAt: keep("nextAttemptAt", outbox.nextAttemptAt),
    })
    .where(eq(outbox.id, sql.placeholder("id"))),
);

/** The statement that records an attempt, for the batch that ends a delivery run. */
export function recordDeliveryQuery(db: Db, id: number, record: DeliveryRecord) {
  const rendered = record.rendered;
  const sent = record.sent;
  return recordQuery(db, {
    id,
    state: record.state,
    attempts: record.attempts,
    raw: record.raw,
    lastError: sent ? null : (record.lastError ?? null),
    fromAddress: rendered?.fromAddress ?? null,
    replyTo: rendered?.replyTo ?? null,
    subject: rendered?.subject ?? null,
    textBody: rendered?.textBody ?? null,
    htmlBody: rendered?.htmlBody ?? null,
    sentAt: sent?.at ?? null,
    sentMessageId: sent?.messageId ?? null,
    inReplyTo: sent?.inReplyTo ?? null,
    references: sent?.references ?? null,
    nextAttemptAt: record.nextAttemptAt ?? null,
  });
}

/** The earliest retry still pending in scope (for a scheduler's alarm): one row, `at` null when nothing is. */
export function nextAttemptQuery(db: Db, scope: DeliveryScope) {
  return nextAttempt(db, scope, {});
}

const nextAttempt = perScope<Record<string, never>, ReturnType<typeof nextAttemptStatement>>(nextAttemptStatement);

function nextAttemptStatement(db: Db, kind: ScopeKind) {
  return db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), inScope(kind)));
}

/** The previous email sent about the same application to the same address: the new one threads under it. */
export function previousSentQuery(db: Db, row: OutboxRow) {
  return previousSent(db, { applicationId: row.applicationId ?? 0, toAddress: row.toAddress, id: row.id });
}

const previousSent = preparedQuery((db: Db) =>
  db
    .select({ sentMessageId: outbox.sentMessageId, references: outbox.references })
    .from(outbox)
    .where(
      and(
        eq(outbox.applicationId, sql.placeholder("applicationId")),
        eq(outbox.toAddress, sql.placeholder("toAddress")),
        lt(outbox.id, sql.placeholder("id")),
        eq(outbox.state, "sent"),
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(1),
);

/** Pending rows overdue by `before` (their scheduler never ran): which schedulers the sweep must wake. */
export async function overdueScopes(db: Db, before: number, limit: number): Promise<DeliveryScope[]> {
  const rows = await db
    .selectDistinct({ applicationId: outbox.applicationId, companyId: outbox.companyId })
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, before)))
    .limit(limit);
  return rows.map((r) => (r.applicationId !== null ? { applicationId: r.applicationId } : { companyId: r.companyId }));
}

/** Emails we sent with one of these Message-IDs (a reply's In-Reply-To / References), for routing without a token. */
export function sentWithMessageIds(db: Db, ids: string[]) {
  // send() may report the id with or without angle brackets; look for both spellings.
  const spellings = ids.flatMap((id) => [id, id.slice(1, -1)]);
  return db
    .select({ applicationId: outbox.applicationId, recipientKind: outbox.recipientKind, toAddress: outbox.toAddress, sentMessageId: outbox.sentMessageId })
    .from(outbox)
    .where(and(inArray(outbox.sentMessageId, spellings.length > 0 ? spellings : [""]), isNotNull(outbox.applicationId)))
    .limit(50);
}
