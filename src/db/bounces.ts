/** Emails of ours that a delivery report says never arrived: found by the Message-ID they went out with. */
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { guard, isGuardFailure } from "./guard";
import { madeNotifications, notifyAdminsStatements, type MadeNotification } from "./notifications";
import { rawBatch } from "./raw-batch";
import { outbox } from "./schema";

export interface SentEmail {
  id: number;
  companyId: number;
  applicationId: number;
  messageId: number | null;
  toAddress: string;
}

/** Our sent emails with any of these Message-IDs (with or without angle brackets, as send() reported them). */
export async function sentEmailsWithIds(db: Db, ids: string[]): Promise<SentEmail[]> {
  if (ids.length === 0) return [];
  const spellings = ids.flatMap((id) => [id, id.replace(/^<|>$/g, "")]);
  const rows = await db
    .select({ id: outbox.id, companyId: outbox.companyId, applicationId: outbox.applicationId, messageId: outbox.messageId, toAddress: outbox.toAddress })
    .from(outbox)
    .where(and(inArray(outbox.sentMessageId, spellings), isNotNull(outbox.applicationId)))
    .limit(20);
  return rows as SentEmail[];
}

/**
 * Marks the email bounced and tells every admin of its company, in one batch that fails unless this report is the
 * first to bounce it: a second report for the same email notifies nobody again. Null when it had bounced already.
 */
export async function markBounced(d1: D1Database, sent: SentEmail, reason: string, now: number): Promise<MadeNotification[] | null> {
  try {
    const results = await rawBatch(d1, [
      sql`UPDATE ${outbox} SET state = 'bounced', last_error = ${reason} WHERE id = ${sent.id} AND state != 'bounced'`,
      guard(sql`changes() = 1`),
      ...notifyAdminsStatements({
        kind: "bounce",
        applicationId: sent.applicationId,
        messageId: sent.messageId,
        adminIds: "all",
        exceptAdminId: null,
        authorKind: "system",
        authorName: sent.toAddress,
        preview: reason,
        now,
      }),
    ]);
    return madeNotifications(results[2] ?? [], results[3] ?? []);
  } catch (error) {
    if (isGuardFailure(error)) return null;
    throw error;
  }
}

/** When the latest email to the candidate bounced, why (the next send should warn); null when it did not. */
export async function candidateAddressBounced(db: Db, applicationId: number): Promise<{ address: string; reason: string } | null> {
  const [last] = await db
    .select({ state: outbox.state, address: outbox.toAddress, reason: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), eq(outbox.recipientKind, "candidate"), inArray(outbox.state, ["sent", "bounced"])))
    .orderBy(desc(outbox.id))
    .limit(1);
  return last?.state === "bounced" ? { address: last.address, reason: last.reason ?? "" } : null;
}
