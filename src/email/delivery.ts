/**
 * The outbox worker: renders each due row into its email (from the stored message and its recipient), sends
 * it through the send_email binding, threads it under the previous one sent to the same recipient about the
 * same application, and retries failures with exponential backoff. Run by the delivery scheduler (one Durable
 * Object per conversation, see delivery-scheduler.ts); a claim on each row keeps two runs from sending one
 * email twice.
 */
import { EmailMessage } from "cloudflare:email";
import type { DeliveryState } from "../conversations/types";
import { database, type Db } from "../db/client";
import { messagesDeliveryQuery } from "../db/message-views";
import { claimDue, nextAttemptQuery, recordDelivery, type DeliveryScope } from "../db/outbox";
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
  for (const row of claimed) {
    const state = await deliverOne(env, db, row, now);
    changed.push({ outboxId: row.id, messageId: row.messageId, applicationId: row.applicationId, state });
  }
  const messageIds = changed.flatMap((c) => (c.messageId === null ? [] : [c.messageId]));
  const [[next], states] = await db.batch([nextAttemptQuery(db, scope), messagesDeliveryQuery(db, "applicationId" in scope ? scope.applicationId : 0, messageIds)]);
  return { changed, nextAttemptAt: next?.at ?? null, messageStates: messageIds.length > 0 ? states : [] };
}

/** Backoff before attempt n+1, after n failed attempts: 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelay(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_MS);
}

async function deliverOne(env: Env, db: Db, row: OutboxRow, now: number): Promise<DeliveryState> {
  const attempts = row.attempts + 1;
  let raw: string | null = null;
  try {
    const { email: rendered, previous } = await renderOutboxRow(env, db, row);
    // What the row was about is gone: nothing can be sent, ever; it shows as failed, not silently dropped.
    if (!rendered) {
      await recordDelivery(db, row.id, { state: "failed", attempts, raw: null, lastError: "nothing to render: its conversation or message is gone" });
      return "failed";
    }
    const thread = threadHeaders(row, previous);
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
    await recordDelivery(db, row.id, {
      state: "sent",
      attempts,
      raw,
      rendered: columns,
      sent: { at: now, messageId: result?.messageId ?? ownMessageId, inReplyTo: thread.inReplyTo ?? null, references: thread.references?.join(" ") ?? null },
    });
    return "sent";
  } catch (error) {
    const state = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await recordDelivery(db, row.id, { state, attempts, raw, lastError, nextAttemptAt: state === "pending" ? now + retryDelay(attempts) : row.nextAttemptAt });
    return state;
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
