/**
 * The outbox worker: renders each due row into its email (from the stored message and its recipient), sends
 * it through the send_email binding, threads it under the previous one sent to the same recipient about the
 * same application, and retries failures with exponential backoff. Run by the delivery scheduler (one Durable
 * Object per conversation, see delivery-scheduler.ts); a claim on each row keeps two runs from sending one
 * email twice. A run records its attempts in its last round trip, with when to run next; a sender that dies
 * before that leaves its rows claimed, and they go again once the claim runs out (sent twice, never lost).
 */
import { EmailMessage } from "cloudflare:email";
import type { DeliveryState } from "../conversations/types";
import { database, type Db } from "../db/client";
import { messagesDeliveryQuery } from "../db/message-views";
import { claimDue, nextAttemptQuery, recordDeliveryQuery, type DeliveryRecord, type DeliveryScope } from "../db/outbox";
import { nextScheduledQuery } from "../db/scheduled-messages";
import type { outbox } from "../db/schema";
import type { Env } from "../env";
import { composeMime, mailDomain, parseMailbox } from "./compose";
import { renderOutboxRow } from "./outbox-email";

type OutboxRow = typeof outbox.$inferSelect;

export interface DeliveryChange {
  outboxId: number;
  messageId: number | null;
  applicationId: number | null;
  state: DeliveryState;
}

export interface DeliveryResult {
  changed: DeliveryChange[];
  /** The earliest retry still pending (in scope), for the scheduler's alarm; null if nothing is pending. */
  nextAttemptAt: number | null;
  /** When the conversation's next scheduled message is due (null: none waits, or not a conversation's scope). */
  nextScheduledAt: number | null;
  /** For a conversation: the combined delivery state of each message whose emails changed (for its admins). */
  messageStates: { messageId: number; state: DeliveryState }[];
}

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
/** How long a row stays claimed by one sender; a crashed one is retried after this. */
const CLAIM_MS = 2 * 60_000;
/** Mail clients only need the recent ancestors to thread; headers stay short. */
const MAX_REFERENCES = 10;

export async function deliverDue(
  env: Env,
  scope: DeliveryScope,
  /** `outboxIds` narrows it to those rows (the emails one request caused); `nextAttemptAt` stays per scope. */
  opts: { outboxIds?: number[]; now?: number; limit?: number } = {},
): Promise<DeliveryResult> {
  const db = database(env.DB);
  const now = opts.now ?? Date.now();
  const claimed = await claimDue(db, scope, { outboxIds: opts.outboxIds, now, until: now + CLAIM_MS, limit: opts.limit ?? 50 });
  const changed: DeliveryChange[] = [];
  const records: ReturnType<typeof recordDeliveryQuery>[] = [];
  // Emails sent in this run are recorded at its end: a later one to the same address threads under them meanwhile.
  const sentInRun = new Map<string, Previous>();
  for (const row of claimed) {
    const thread = `${row.applicationId}:${row.toAddress}`;
    const record = await attempt(env, db, row, now, sentInRun.get(thread));
    if (record.sent) sentInRun.set(thread, { sentMessageId: record.sent.messageId, references: record.sent.references });
    records.push(recordDeliveryQuery(db, row.id, record));
    changed.push({ outboxId: row.id, messageId: row.messageId, applicationId: row.applicationId, state: record.state });
  }
  const messageIds = changed.flatMap((c) => (c.messageId === null ? [] : [c.messageId]));
  const applicationId = "applicationId" in scope ? scope.applicationId : 0;
  // The records, then (reading them) when to run next, in one round trip.
  const reads = [nextAttemptQuery(db, scope), messagesDeliveryQuery(db, applicationId, messageIds), nextScheduledQuery(db, applicationId)] as const;
  // (drizzle's batch type wants a first item; `records` may be empty, the reads never are.)
  const results = await db.batch([...records, ...reads] as unknown as typeof reads);
  const [[next], states, [scheduled]] = results.slice(-reads.length) as unknown as typeof results;
  return { changed, nextAttemptAt: next?.at ?? null, nextScheduledAt: scheduled?.at ?? null, messageStates: messageIds.length > 0 ? states : [] };
}

/** Backoff before attempt n+1, after n failed attempts: 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelay(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_MS);
}

type Previous = { sentMessageId: string | null; references: string | null };

/** One attempt at the row's email: what to record of it. `sentBefore`: this run's previous email on its thread. */
async function attempt(env: Env, db: Db, row: OutboxRow, now: number, sentBefore: Previous | undefined): Promise<DeliveryRecord & { state: DeliveryState }> {
  const attempts = row.attempts + 1;
  let raw: string | null = null;
  try {
    const { email: rendered, previous } = await renderOutboxRow(env, db, row);
    // What the row was about is gone: nothing can be sent, ever; it shows as failed, not silently dropped.
    if (!rendered) return { state: "failed", attempts, raw: null, lastError: "nothing to render: its conversation or message is gone" };
    const thread = threadHeaders(row, sentBefore ?? previous);
    const from = parseMailbox(rendered.fromAddress);
    // Our own Message-ID, in case the platform's send() does not report the one it used.
    const ownMessageId = `<${crypto.randomUUID()}@${mailDomain(from.addr)}>`;
    raw = composeMime({
      from,
      to: row.toAddress,
      ...(rendered.replyTo ? { replyTo: rendered.replyTo } : {}),
      subject: rendered.subject,
      text: rendered.textBody,
      html: rendered.htmlBody,
      ...thread,
      headers: rendered.headers,
      messageId: ownMessageId,
    });
    const { headers: _inRaw, ...columns } = rendered;
    const result = await env.EMAIL.send(new EmailMessage(from.addr, row.toAddress, raw));
    return {
      state: "sent",
      attempts,
      raw,
      rendered: columns,
      sent: { at: now, messageId: result?.messageId ?? ownMessageId, inReplyTo: thread.inReplyTo ?? null, references: thread.references?.join(" ") ?? null },
    };
  } catch (error) {
    const state = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    return { state, attempts, raw, lastError, nextAttemptAt: state === "pending" ? now + retryDelay(attempts) : row.nextAttemptAt };
  }
}

/**
 * In-Reply-To and References for a row: the previous email sent about the same application to the same address.
 * A row queued with its own In-Reply-To (an automatic answer to an inbound email) keeps it, at the end.
 */
function threadHeaders(row: OutboxRow, previous: { sentMessageId: string | null; references: string | null } | null): { inReplyTo?: string; references?: string[] } {
  const chain: string[] = [];
  if (previous?.sentMessageId) chain.push(...(previous.references?.split(/\s+/).filter(Boolean) ?? []), previous.sentMessageId);
  if (row.inReplyTo) chain.push(row.inReplyTo);
  const inReplyTo = chain.at(-1);
  if (!inReplyTo) return {};
  const references = [...new Set(chain.filter((id) => id !== inReplyTo)), inReplyTo].slice(-MAX_REFERENCES);
  return { inReplyTo, references };
}
