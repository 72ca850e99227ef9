import { and, asc, between, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "./client";
import { attachments, messages, outbox } from "./schema";
import type { DeliveryState, MessageView, SkippedFile } from "../conversations/types";

type MessageRow = typeof messages.$inferSelect;

export const MESSAGE_PAGE_SIZE = 100;

/** Oldest first, after the given id; `forAdmin` adds each message's email delivery state. */
export async function listMessageViews(
  db: Db,
  applicationId: number,
  opts: { after?: number; limit?: number; forAdmin: boolean },
): Promise<MessageView[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.applicationId, applicationId), gt(messages.id, opts.after ?? 0)))
    .orderBy(asc(messages.id))
    .limit(opts.limit ?? MESSAGE_PAGE_SIZE);
  return toMessageViews(db, rows, opts.forAdmin);
}

/** The latest `count` messages before `beforeId`, oldest first (context quoted in emails, the page's first screen). */
export async function latestMessageViews(
  db: Db,
  applicationId: number,
  opts: { beforeId?: number; count: number; forAdmin: boolean },
): Promise<MessageView[]> {
  const conditions = [eq(messages.applicationId, applicationId)];
  if (opts.beforeId !== undefined) conditions.push(lt(messages.id, opts.beforeId));
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
    forAdmin ? deliveryStates(db, range) : Promise.resolve(new Map<number, DeliveryState>()),
  ]);
  return rows.map((row) => {
    const view = messageView(row, files.filter((f) => f.messageId === row.id));
    const state = deliveries.get(row.id);
    if (state) view.delivery = { state };
    return view;
  });
}

/**
 * Each message's delivery state over all the emails it caused (the candidate, or every notification address),
 * for messages of one application within an id range — one index range however many messages.
 */
export async function deliveryStates(
  db: Db,
  range: { applicationId: number; fromId: number; toId: number },
): Promise<Map<number, DeliveryState>> {
  const rows = await db
    .select({ messageId: outbox.messageId, state: outbox.state })
    .from(outbox)
    .where(and(eq(outbox.applicationId, range.applicationId), between(outbox.messageId, range.fromId, range.toId)));
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
  };
}

/** One state for all emails a message caused: any failure shows, then anything still pending. */
export function combinedDeliveryState(states: DeliveryState[]): DeliveryState {
  if (states.includes("failed")) return "failed";
  if (states.includes("pending")) return "pending";
  return "sent";
}
