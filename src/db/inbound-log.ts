/**
 * inbound_log: one row per email received, whatever became of it; also the memory of which emails were seen.
 * An email that gets as far as the duplicate check claims its key by inserting its row there (a unique index
 * decides between copies arriving at once); its outcome is written into that row at the end. Emails that end
 * before the check, and copies that lose the claim, get a row of their own.
 */
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { placeholderValue as p, preparedQuery } from "./prepared";
import { inboundLog } from "./schema";

export interface InboundLogEntry {
  receivedAt: number;
  envelopeFrom: string;
  envelopeTo: string;
  size: number;
  outcome: string;
  reason: string | null;
  dedupeKey: string | null;
  subject: string | null;
  applicationId: number | null;
  companyId: number | null;
  fromAddress: string | null;
  storedMessageId: number | null;
  rawKey: string | null;
}

/** A claim still "processing" after this long belongs to a delivery that died; a new copy may take it over. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Claims the email for this delivery: its log row, id returned; null when another delivery holds the key (one
 * that stored it, or one still processing it at this very moment): this copy is a duplicate.
 */
export type ClaimEntry = Omit<InboundLogEntry, "outcome" | "reason" | "storedMessageId" | "companyId"> & { dedupeKey: string };

/**
 * The claim as two statements, for a batch that also reads what the email is about: first a claim still
 * "processing" after ABANDONED_AFTER_MS is let go (its delivery died; this copy takes over), then this copy's row
 * is inserted unless another holds the key. The second statement's row is the claim's id; none: a duplicate.
 */
export function claimQueries(db: Db, entry: ClaimEntry) {
  const values = bounded(entry);
  return [abandonQuery(db, { key: entry.dedupeKey, before: entry.receivedAt - ABANDONED_AFTER_MS }), claimQuery(db, values)] as const;
}

const abandonQuery = preparedQuery((db: Db) =>
  db
    .update(inboundLog)
    .set({ claimKey: null, outcome: "error", reason: "abandoned while processing; a later copy took over" })
    .where(and(eq(inboundLog.claimKey, sql.placeholder("key")), eq(inboundLog.outcome, "processing"), lt(inboundLog.receivedAt, sql.placeholder("before")))),
);

const claimQuery = preparedQuery((db: Db) =>
  db
    .insert(inboundLog)
    .values({
      receivedAt: p("receivedAt"),
      envelopeFrom: p("envelopeFrom"),
      envelopeTo: p("envelopeTo"),
      size: p("size"),
      dedupeKey: p("dedupeKey"),
      subject: p("subject"),
      applicationId: p("applicationId"),
      fromAddress: p("fromAddress"),
      rawKey: p("rawKey"),
      outcome: "processing",
      claimKey: p("dedupeKey"),
    })
    .onConflictDoNothing()
    .returning({ id: inboundLog.id }),
);

/**
 * The email's final row: its claimed row updated, or a new row. `releaseClaim` lets go of the key when the
 * sender was told to send it again, so that copy is taken.
 */
export async function writeInboundLog(db: Db, entry: InboundLogEntry, claimedId: number | null, releaseClaim: boolean): Promise<number> {
  const values = bounded(entry);
  if (claimedId !== null) {
    await outcomeQuery(db, { ...values, id: claimedId, release: releaseClaim ? 1 : 0 });
    return claimedId;
  }
  const [row] = await db.insert(inboundLog).values(values).returning({ id: inboundLog.id });
  return row!.id;
}

const outcomeQuery = preparedQuery((db: Db) =>
  db
    .update(inboundLog)
    .set({
      receivedAt: p("receivedAt"),
      envelopeFrom: p("envelopeFrom"),
      envelopeTo: p("envelopeTo"),
      size: p("size"),
      outcome: p("outcome"),
      reason: p("reason"),
      dedupeKey: p("dedupeKey"),
      subject: p("subject"),
      applicationId: p("applicationId"),
      companyId: p("companyId"),
      fromAddress: p("fromAddress"),
      storedMessageId: p("storedMessageId"),
      rawKey: p("rawKey"),
      claimKey: sql`CASE WHEN ${sql.placeholder("release")} = 1 THEN NULL ELSE ${inboundLog.claimKey} END`,
    })
    .where(eq(inboundLog.id, sql.placeholder("id"))),
);

/**
 * The outcome of an email stored as a message, for that message's own batch (`message`: the batch's reference to
 * its id): the log row and the message commit together, and no write is left for after the answer.
 */
export function storedOutcomeStatement(logId: number, entry: { reason: string; applicationId: number; companyId: number }, message: SQL): SQL {
  return sql`UPDATE ${inboundLog} SET outcome = 'stored', reason = ${entry.reason.slice(0, 1000)}, application_id = ${entry.applicationId},
    company_id = ${entry.companyId}, stored_message_id = ${message} WHERE id = ${logId}`;
}

export const INBOUND_PAGE_SIZE = 50;

/** A page of one company's received emails, newest first, before the row id `before` (the cursor). */
export async function companyInbound(db: Db, companyId: number, before?: number) {
  const rows = await db
    .select({
      id: inboundLog.id,
      receivedAt: inboundLog.receivedAt,
      fromAddress: inboundLog.fromAddress,
      envelopeFrom: inboundLog.envelopeFrom,
      subject: inboundLog.subject,
      outcome: inboundLog.outcome,
      applicationId: inboundLog.applicationId,
      storedMessageId: inboundLog.storedMessageId,
    })
    .from(inboundLog)
    .where(and(eq(inboundLog.companyId, companyId), before !== undefined ? lt(inboundLog.id, before) : undefined))
    .orderBy(desc(inboundLog.id))
    .limit(INBOUND_PAGE_SIZE + 1);
  const page = rows.slice(0, INBOUND_PAGE_SIZE);
  return { rows: page, nextCursor: rows.length > INBOUND_PAGE_SIZE ? String(page.at(-1)!.id) : null };
}

/** Where one of the company's received emails is kept in R2 (null: not the company's, or not kept). */
export async function inboundRawKey(db: Db, companyId: number, id: number): Promise<string | null> {
  const [row] = await db
    .select({ rawKey: inboundLog.rawKey })
    .from(inboundLog)
    .where(and(eq(inboundLog.id, id), eq(inboundLog.companyId, companyId)));
  return row?.rawKey ?? null;
}

// Sender-controlled text is bounded so a hostile header cannot bloat the log.
function bounded<T extends Partial<InboundLogEntry>>(entry: T): T {
  return {
    ...entry,
    ...(entry.envelopeFrom !== undefined ? { envelopeFrom: entry.envelopeFrom.slice(0, 500) } : {}),
    ...(entry.envelopeTo !== undefined ? { envelopeTo: entry.envelopeTo.slice(0, 500) } : {}),
    ...(entry.subject != null ? { subject: entry.subject.slice(0, 500) } : {}),
    ...(entry.fromAddress != null ? { fromAddress: entry.fromAddress.slice(0, 320) } : {}),
    ...(entry.reason != null ? { reason: entry.reason.slice(0, 1000) } : {}),
  };
}
