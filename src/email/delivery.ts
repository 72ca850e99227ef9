/**
 * The outbox worker: sends due outbox rows through the send_email binding, threads each email
 * under the previous one sent to the same recipient about the same application, and retries
 * failures with exponential backoff. Called after a message commits, by the conversation's DO
 * alarm and by the cron sweep; a claim on each row keeps those from sending one email twice.
 */
import { EmailMessage } from "cloudflare:email";
import { and, asc, desc, eq, inArray, lt, lte, min } from "drizzle-orm";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { DeliveryState } from "../conversations/types";
import * as schema from "../db/schema";
import type { Env } from "../env";
import { composeMime, mailDomain, parseMailbox } from "./compose";

const { outbox } = schema;
type Db = DrizzleD1Database<typeof schema>;
type OutboxRow = typeof outbox.$inferSelect;

export interface DeliveryChange {
  outboxId: number;
  messageId: number | null;
  applicationId: number | null;
  state: DeliveryState;
}

export interface DeliveryResult {
  changed: DeliveryChange[];
  /** The earliest retry still pending (in scope), for a DO alarm; null if nothing is pending. */
  nextAttemptAt: number | null;
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
  /** `outboxIds` narrows it to those rows (the emails one request caused); `nextAttemptAt` stays per application. */
  opts: { applicationId?: number; outboxIds?: number[]; now?: number; limit?: number } = {},
): Promise<DeliveryResult> {
  const db = drizzle(env.DB, { schema });
  const now = opts.now ?? Date.now();
  const scope = opts.applicationId === undefined ? undefined : eq(outbox.applicationId, opts.applicationId);
  const only = opts.outboxIds === undefined ? undefined : inArray(outbox.id, opts.outboxIds);
  const due = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now), scope, only))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.limit ?? 50);

  const changed: DeliveryChange[] = [];
  for (const row of due) {
    // Only the sender whose conditional update wins sends the row.
    const claimed = await db
      .update(outbox)
      .set({ nextAttemptAt: now + CLAIM_MS })
      .where(and(eq(outbox.id, row.id), eq(outbox.state, "pending"), eq(outbox.nextAttemptAt, row.nextAttemptAt)))
      .returning({ id: outbox.id });
    if (claimed.length === 0) continue;
    const state = await deliverOne(env, db, row, now);
    changed.push({ outboxId: row.id, messageId: row.messageId, applicationId: row.applicationId, state });
  }

  const [next] = await db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), scope));
  return { changed, nextAttemptAt: next?.at ?? null };
}

/** Backoff before attempt n+1, after n failed attempts: 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelay(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_MS);
}

async function deliverOne(env: Env, db: Db, row: OutboxRow, now: number): Promise<DeliveryState> {
  const thread = await threadHeaders(db, row);
  const from = parseMailbox(row.fromAddress);
  let raw: string | null = null;
  try {
    // Our own Message-ID, in case the platform's send() does not report the one it used.
    const ownMessageId = `<${crypto.randomUUID()}@${mailDomain(from.addr)}>`;
    raw = composeMime({
      from,
      to: row.toAddress,
      ...(row.replyTo ? { replyTo: row.replyTo } : {}),
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      ...thread,
      headers: JSON.parse(row.headers) as Record<string, string>,
      messageId: ownMessageId,
    });
    const result = await env.EMAIL.send(new EmailMessage(from.addr, row.toAddress, raw));
    await db
      .update(outbox)
      .set({
        raw,
        state: "sent",
        sentAt: now,
        attempts: row.attempts + 1,
        lastError: null,
        sentMessageId: result?.messageId ?? ownMessageId,
        inReplyTo: thread.inReplyTo ?? null,
        references: thread.references?.join(" ") ?? null,
      })
      .where(eq(outbox.id, row.id));
    return "sent";
  } catch (error) {
    const attempts = row.attempts + 1;
    const state = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db
      .update(outbox)
      .set({ raw, state, attempts, lastError, nextAttemptAt: state === "pending" ? now + retryDelay(attempts) : row.nextAttemptAt })
      .where(eq(outbox.id, row.id));
    return state;
  }
}

/**
 * In-Reply-To and References for a row: the previous email sent about the same application to
 * the same address. A row queued with its own In-Reply-To (an automatic answer to an inbound
 * email) keeps it, at the end of the chain.
 */
async function threadHeaders(db: Db, row: OutboxRow): Promise<{ inReplyTo?: string; references?: string[] }> {
  const chain: string[] = [];
  if (row.applicationId !== null) {
    const [previous] = await db
      .select({ sentMessageId: outbox.sentMessageId, references: outbox.references })
      .from(outbox)
      .where(and(eq(outbox.applicationId, row.applicationId), eq(outbox.toAddress, row.toAddress), lt(outbox.id, row.id), eq(outbox.state, "sent")))
      .orderBy(desc(outbox.id))
      .limit(1);
    if (previous?.sentMessageId) chain.push(...(previous.references?.split(/\s+/).filter(Boolean) ?? []), previous.sentMessageId);
  }
  if (row.inReplyTo) chain.push(row.inReplyTo);
  const inReplyTo = chain.at(-1);
  if (!inReplyTo) return {};
  const references = [...new Set(chain.filter((id) => id !== inReplyTo)), inReplyTo].slice(-MAX_REFERENCES);
  return { inReplyTo, references };
}
