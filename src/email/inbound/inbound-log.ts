/**
 * inbound_log: one row per email received, whatever became of it; also the memory of which emails were seen.
 * An email that gets as far as the duplicate check claims its key by inserting its row there (a unique index
 * decides between copies arriving at once); its outcome is written into that row at the end. Emails that end
 * before the check, and copies that lose the claim, get a row of their own.
 */
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inboundLog } from "../../db/schema";
import { OUTCOMES, type Outcome } from "./outcomes";

export interface InboundLogEntry {
  receivedAt: number;
  envelopeFrom: string;
  envelopeTo: string;
  size: number;
  outcome: Outcome;
  reason: string | null;
  dedupeKey: string | null;
  subject: string | null;
  applicationId: number | null;
  storedMessageId: number | null;
  rawKey: string | null;
}

/** A claim still "processing" after this long belongs to a delivery that died; a new copy may take it over. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Claims the email for this delivery: its log row, id returned; null when another delivery holds the key (one
 * that stored it, or one still processing it at this very moment): this copy is a duplicate.
 */
export async function claimEmail(db: Db, entry: Omit<InboundLogEntry, "outcome" | "reason" | "storedMessageId"> & { dedupeKey: string }): Promise<number | null> {
  const insert = () =>
    db
      .insert(inboundLog)
      .values({ ...bounded(entry), outcome: "processing", claimKey: entry.dedupeKey })
      .onConflictDoNothing()
      .returning({ id: inboundLog.id });
  const [claimed] = await insert();
  if (claimed) return claimed.id;
  const released = await db
    .update(inboundLog)
    .set({ claimKey: null, outcome: "error", reason: "abandoned while processing; a later copy took over" })
    .where(and(eq(inboundLog.claimKey, entry.dedupeKey), eq(inboundLog.outcome, "processing"), lt(inboundLog.receivedAt, entry.receivedAt - ABANDONED_AFTER_MS)))
    .returning({ id: inboundLog.id });
  if (released.length === 0) return null;
  const [retaken] = await insert();
  return retaken?.id ?? null;
}

/** The email's final row: its claimed row updated (the claim let go if the sender will retry), or a new row. */
export async function writeInboundLog(db: Db, entry: InboundLogEntry, claimedId: number | null): Promise<number> {
  const values = bounded(entry);
  if (claimedId !== null) {
    const retryable = OUTCOMES[entry.outcome].action === "reject";
    await db
      .update(inboundLog)
      .set({ ...values, ...(retryable ? { claimKey: null } : {}) })
      .where(eq(inboundLog.id, claimedId));
    return claimedId;
  }
  const [row] = await db.insert(inboundLog).values(values).returning({ id: inboundLog.id });
  return row!.id;
}

// Sender-controlled text is bounded so a hostile header cannot bloat the log.
function bounded<T extends Partial<InboundLogEntry>>(entry: T): T {
  return {
    ...entry,
    ...(entry.envelopeFrom !== undefined ? { envelopeFrom: entry.envelopeFrom.slice(0, 500) } : {}),
    ...(entry.envelopeTo !== undefined ? { envelopeTo: entry.envelopeTo.slice(0, 500) } : {}),
    ...(entry.subject != null ? { subject: entry.subject.slice(0, 500) } : {}),
    ...(entry.reason != null ? { reason: entry.reason.slice(0, 1000) } : {}),
  };
}
