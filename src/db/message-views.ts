import { and, asc, between, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "./client";
import { attachments, messages, outbox } from "./schema";
import type { DeliveryState, MessageView, SkippedFile } from "../conversations/types";

type MessageRow = typeof messages.$inferSelect;

export const MESSAGE_PAGE_SIZE = 100;

/** Oldest first, after the given id; `forAdmin` adds each message's email delivery state. */
export async function listMessageViews(db: Db, applicationId: number, opts: { after?: number; limit?: number; forAdmin: boolean }): Promise<MessageView[]> {
  const [rows, files, deliveries] = await db.batch(messagePageQueries(db, applicationId, opts));
  return assembleViews(rows, files, opts.forAdmin ? deliveries : []);
}

/**
 * The three reads of a page of messages (the messages, their files, their emails' states), for a batch of their
 * own or of a route that also checks its session: each is one index range, found by the page's own subquery.
 */
export function messagePageQueries(db: Db, applicationId: number, opts: { after?: number; limit?: number; forAdmin: boolean }) {
  // Candidates never see the team's internal messages.
  const page = and(eq(messages.applicationId, applicationId), gt(messages.id, opts.after ?? 0), opts.forAdmin ? undefined : eq(messages.visibility, "all"));
  const limit = opts.limit ?? MESSAGE_PAGE_SIZE;
  const pageIds = db.select({ id: messages.id }).from(messages).where(page).orderBy(asc(messages.id)).limit(limit);
  return [
    db.select().from(messages).where(page).orderBy(asc(messages.id)).limit(limit),
    db
      .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(and(eq(attachments.applicationId, applicationId), gt(attachments.messageId, opts.after ?? 0), inArray(attachments.messageId, pageIds)))
      .orderBy(asc(attachments.id)),
    db
      .select({ messageId: outbox.messageId, state: outbox.state })
      .from(outbox)
      .where(opts.forAdmin ? and(eq(outbox.applicationId, applicationId), gt(outbox.messageId, opts.after ?? 0), inArray(outbox.messageId, pageIds)) : sql`0`),
  ] as const;
}

/** The latest `count` messages before `beforeId`, oldest first (context quoted in emails, the page's first screen). */
export async function latestMessageViews(db: Db, applicationId: number, opts: { beforeId?: number; count: number; forAdmin: boolean }): Promise<MessageView[]> {
  const conditions = [eq(messages.applicationId, applicationId)];
  if (opts.beforeId !== undefined) conditions.push(lt(messages.id, opts.beforeId));
  if (!opts.forAdmin) conditions.push(eq(messages.visibility, "all"));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.id))
    .limit(opts.count);
  return toMessageViews(db, rows.reverse(), opts.forAdmin);
}

/** Views of messages of one conversation, with their attachments (and, for admins, delivery state). */
export async function toMessageViews(db: Db, rows: MessageRow[], forAdmin: boolean): Promise<MessageView[]> {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return [];
  const range = { applicationId: first.applicationId, fromId: first.id, toId: last.id };
  const [files, deliveries] = await Promise.all([
    db
      .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(and(eq(attachments.applicationId, range.applicationId), between(attachments.messageId, range.fromId, range.toId)))
      .orderBy(asc(attachments.id)),
    forAdmin ? deliveryRows(db, range) : Promise.resolve([]),
  ]);
  return assembleViews(rows, files, deliveries);
}

type FileRow = { id: number; messageId: number; filename: string; contentType: string; size: number };

export function assembleViews(rows: MessageRow[], files: FileRow[], deliveries: { messageId: number | null; state: DeliveryState }[]): MessageView[] {
  const states = combinedStates(deliveries);
  return rows.map((row) => {
    const view = messageView(
      row,
      files.filter((f) => f.messageId === row.id),
    );
    const state = states.get(row.id);
    if (state) view.delivery = { state };
    return view;
  });
}

function deliveryRows(db: Db, range: { applicationId: number; fromId: number; toId: number }) {
  return db
    .select({ messageId: outbox.messageId, state: outbox.state })
    .from(outbox)
    .where(and(eq(outbox.applicationId, range.applicationId), between(outbox.messageId, range.fromId, range.toId)));
}

function combinedStates(rows: { messageId: number | null; state: DeliveryState }[]): Map<number, DeliveryState> {
  const states = new Map<number, DeliveryState[]>();
  for (const row of rows) {
    if (row.messageId !== null) states.set(row.messageId, [...(states.get(row.messageId) ?? []), row.state]);
  }
  return new Map([...states].map(([id, all]) => [id, combinedDeliveryState(all)]));
}

export function messageView(row: MessageRow, files: { id: number; filename: string; contentType: string; size: number }[]): MessageView {
  return {
    id: row.id,
    author: {
      kind: row.authorKind,
      name: row.authorName,
      ...(row.authorAdminId !== null ? { adminId: row.authorAdminId } : {}),
    },
    channel: row.channel,
    body: row.body,
    createdAt: new Date(row.createdAt).toISOString(),
    attachments: files.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
    skippedFiles: JSON.parse(row.skippedFiles) as SkippedFile[],
    visibility: row.visibility,
  };
}

/** One state for all emails a message caused: any failure shows, then anything still pending. */
export function combinedDeliveryState(states: DeliveryState[]): DeliveryState {
  if (states.includes("failed")) return "failed";
  if (states.includes("pending")) return "pending";
  return "sent";
}

/** The emails of these messages (one application), for their combined states after some of them changed. */
export function messagesDeliveryQuery(db: Db, applicationId: number, messageIds: number[]) {
  return db
    .select({ messageId: outbox.messageId, state: outbox.state })
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), inArray(outbox.messageId, messageIds.length > 0 ? messageIds : [0])));
}

/** Each message's combined state, from its emails' rows. */
export function messagesDeliveryStates(rows: { messageId: number | null; state: DeliveryState }[]): { messageId: number; state: DeliveryState }[] {
  return [...combinedStates(rows)].map(([messageId, state]) => ({ messageId, state }));
}
