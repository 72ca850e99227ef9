import { and, asc, desc, eq, getTableColumns, gt, lt, sql } from "drizzle-orm";
import type { Db } from "./client";
import { preparedQuery } from "./prepared";
import { attachments, messages, outbox } from "./schema";
import type { DeliveryState, MessageView, SkippedFile } from "../conversations/types";

type MessageRow = typeof messages.$inferSelect;

export const MESSAGE_PAGE_SIZE = 100;

/** Oldest first, after the given id; `forAdmin` adds each message's email delivery state and other recipients. */
export async function listMessageViews(db: Db, applicationId: number, opts: { after?: number; limit?: number; forAdmin: boolean }): Promise<MessageView[]> {
  return audienceViews(toViews(await messagePageQuery(db, applicationId, opts)), opts.forAdmin);
}

/**
 * A page of messages with their files and (for admins) their emails' states, as one query for a batch of its own
 * or of a route that also checks its session. Files and states come from correlated subqueries, each an index
 * lookup by (application, message): the rows read are the page's messages and what belongs to them.
 */
export function messagePageQuery(db: Db, applicationId: number, opts: { after?: number; limit?: number; forAdmin: boolean }) {
  // Candidates never see the team's internal messages.
  const page = and(eq(messages.applicationId, applicationId), gt(messages.id, opts.after ?? 0), opts.forAdmin ? undefined : eq(messages.visibility, "all"));
  return withExtras(db, opts.forAdmin)
    .where(page)
    .orderBy(asc(messages.id))
    .limit(opts.limit ?? MESSAGE_PAGE_SIZE);
}

/** The latest `count` messages before `beforeId`, oldest first (the page's first screen). */
export async function latestMessageViews(db: Db, applicationId: number, opts: { beforeId?: number; count: number; forAdmin: boolean }): Promise<MessageView[]> {
  const conditions = [eq(messages.applicationId, applicationId)];
  if (opts.beforeId !== undefined) conditions.push(lt(messages.id, opts.beforeId));
  if (!opts.forAdmin) conditions.push(eq(messages.visibility, "all"));
  const rows = await withExtras(db, opts.forAdmin)
    .where(and(...conditions))
    .orderBy(desc(messages.id))
    .limit(opts.count);
  return audienceViews(toViews(rows.reverse()), opts.forAdmin);
}

// The outer columns are named with their table: drizzle leaves a single table's columns unqualified, and inside the
// subqueries those names would mean the subquery's own.
function withExtras(db: Db, forAdmin: boolean) {
  return db
    .select({
      ...getTableColumns(messages),
      // The index (application_id, message_id) lists a message's files in id order.
      files: sql<string>`(SELECT json_group_array(json_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size))
        FROM ${attachments} a WHERE a.application_id = ${messages}.application_id AND a.message_id = ${messages}.id)`,
      // One seek in the covering index (application_id, message_id, state): the alphabetically first state is the
      // combined one: a bounce or failure shows, then anything still pending (bounced < failed < pending < sent).
      state: forAdmin
        ? sql<DeliveryState | null>`(SELECT min(o.state) FROM ${outbox} o WHERE o.application_id = ${messages}.application_id AND o.message_id = ${messages}.id)`
        : sql<DeliveryState | null>`NULL`,
      bounceReason: forAdmin
        ? sql<
            string | null
          >`(SELECT o.last_error FROM ${outbox} o WHERE o.application_id = ${messages}.application_id AND o.message_id = ${messages}.id AND o.state = 'bounced' LIMIT 1)`
        : sql<string | null>`NULL`,
    })
    .from(messages);
}

type RowWithExtras = MessageRow & { files: string; state: DeliveryState | null; bounceReason: string | null };

export function toViews(rows: RowWithExtras[]): MessageView[] {
  return rows.map(({ files, state, bounceReason, ...row }) => {
    const view = messageView(row, JSON.parse(files) as { id: number; filename: string; contentType: string; size: number }[]);
    if (state) view.delivery = state === "bounced" ? { state, reason: bounceReason ?? "" } : { state };
    return view;
  });
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
    alsoSentTo: JSON.parse(row.alsoSentTo) as string[],
  };
}

/** A message as its candidate gets it: without what only the team sees (delivery, whom else an email went to). */
export function candidateView({ delivery: _delivery, alsoSentTo: _alsoSentTo, ...message }: MessageView): MessageView {
  return message;
}

function audienceViews(views: MessageView[], forAdmin: boolean): MessageView[] {
  return forAdmin ? views : views.map(candidateView);
}

/**
 * The combined delivery state of each of these messages (one application), after some of their emails changed:
 * as on a page of messages, the alphabetically first of its emails' states (failed < pending < sent).
 */
export function messagesDeliveryQuery(db: Db, applicationId: number, messageIds: number[]) {
  return messagesDelivery(db, { applicationId, ids: JSON.stringify(messageIds) });
}

const messagesDelivery = preparedQuery((db: Db) =>
  db
    .select({ messageId: sql<number>`${outbox.messageId}`, state: sql<DeliveryState>`min(${outbox.state})` })
    .from(outbox)
    .where(and(eq(outbox.applicationId, sql.placeholder("applicationId")), sql`${outbox.messageId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`))
    .groupBy(outbox.messageId),
);
