/** inbound_log: one row per email received, whatever became of it; also the memory of which emails were seen. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inboundLog } from "../../db/schema";
import { FINAL_OUTCOMES, type Outcome } from "./outcomes";

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

/** Seen before with an outcome that took it; a rejected or failed delivery may come again and is handled anew. */
export async function seenBefore(db: Db, dedupeKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inboundLog.id })
    .from(inboundLog)
    .where(and(eq(inboundLog.dedupeKey, dedupeKey), inArray(inboundLog.outcome, FINAL_OUTCOMES)))
    .limit(1);
  return row !== undefined;
}

export async function writeInboundLog(db: Db, entry: InboundLogEntry): Promise<number> {
  // Sender-controlled text is bounded so a hostile header cannot bloat the log.
  const [row] = await db
    .insert(inboundLog)
    .values({
      ...entry,
      envelopeFrom: entry.envelopeFrom.slice(0, 500),
      envelopeTo: entry.envelopeTo.slice(0, 500),
      subject: entry.subject?.slice(0, 500) ?? null,
      reason: entry.reason?.slice(0, 1000) ?? null,
    })
    .returning({ id: inboundLog.id });
  return row!.id;
}
