import { and, eq, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database } from "../db/client";
import { loadApplicationHead, loadConversationContext, type ConversationContext } from "../db/conversation-context";
import { messageView } from "../db/message-views";
import { statusChangeStatements } from "../db/guard";
import { rawBatch } from "../db/raw-batch";
import { admins, applications, attachments, messages, notifications, outbox, readMarkers } from "../db/schema";
import { publishPostedMessage } from "../live/fan-out";
import { DomainError, MAX_BODY_LENGTH } from "./errors";
import { adminReadStatements, candidateReadStatements } from "./read";
import { outgoingMailFor, type OutboxRow } from "./outgoing-mail";
import { cleanText, isBlank } from "./text";
import type { MessageView, SkippedFile } from "./types";

type MessageRow = typeof messages.$inferSelect;

export type Author =
  | { kind: "candidate" }
  | { kind: "admin"; adminId: number }
  /** Someone writing from one of the offer's notification addresses. */
  | { kind: "company"; email: string }
  /** Events in the conversation (applied, added, rejected, reopened), worded by the caller; `byAdminId` did it. */
  | { kind: "system"; byAdminId?: number };

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  r2Key: string;
}

export interface PostMessageInput {
  applicationId: number;
  author: Author;
  channel: "web" | "email";
  body: string;
  /** The full email text before quote stripping. */
  originalBody?: string;
  attachments?: NewAttachment[];
  /** Files that came with an email but were not kept. */
  skippedFiles?: SkippedFile[];
  /** The status this message's line records: set in the same batch, which fails if it is already so. */
  statusChange?: "active" | "rejected";
  /** Which email the company's notification addresses get: a cover letter announces a new candidate. */
  companyMail?: "new_message" | "new_candidate";
}

export interface PostedMessage {
  context: ConversationContext;
  /** The admin view (with delivery state); candidates are sent the same without it. */
  message: MessageView;
  notifications: { id: number; adminId: number; unread: number; applicationUnread: number }[];
}

/**
 * The one way in: every message, from any channel, is checked and stored here, in one D1 batch with its
 * notifications, read state and outbox rows; live fan-out and email delivery start only after that commit.
 */
export async function postMessage(
  env: Env,
  input: PostMessageInput,
  now = Date.now(),
  /** Loaded moments ago by the caller (the inbound pipeline routes with it); saves a round trip. */
  preloaded?: ConversationContext,
): Promise<PostedMessage> {
  const db = database(env.DB);
  const context = preloaded?.application.id === input.applicationId ? preloaded : await loadConversationContext(db, input.applicationId);
  if (!context) throw new DomainError("not_found", "This conversation does not exist.");
  const text = cleanText(input.body).trim();
  const body = isBlank(text) ? "" : text;
  const skippedFiles = input.skippedFiles ?? [];
  checkMayWrite(context, input.author, body, (input.attachments?.length ?? 0) + skippedFiles.length);

  const author = describeAuthor(context, input.author);
  const uid = crypto.randomUUID();
  const messageId = sql`(SELECT ${messages.id} FROM ${messages} WHERE ${messages.uid} = ${uid})`;
  const mail = await outgoingMailFor(env, context, { ...input, body, skippedFiles }, author, now);

  // A candidate's message is inserted only while the application is still active, checked inside the transaction:
  // if a rejection landed since the context was loaded, no message row exists and the notifications insert (every
  // company has an admin to notify, and message_id is NOT NULL) fails the batch, so nothing of it is kept.
  const stillActive = input.author.kind === "candidate" ? sql`(SELECT status FROM ${applications} WHERE id = ${context.application.id}) = 'active'` : sql`1`;
  const results = await rawBatch(env.DB, [
    ...(input.statusChange ? statusChangeStatements(context.application.id, context.company.id, input.statusChange) : []),
    sql`INSERT INTO ${messages} (uid, application_id, company_id, author_kind, author_admin_id, author_name, author_email, channel, body, original_body, skipped_files, created_at)
      SELECT ${uid}, ${context.application.id}, ${context.company.id}, ${input.author.kind}, ${author.adminId}, ${author.name}, ${author.email},
      ${input.channel}, ${body}, ${input.originalBody ?? null}, ${JSON.stringify(skippedFiles)}, ${now} WHERE ${stillActive}`,
    ...insertAttachments(input.attachments ?? [], context.application.id, messageId),
    sql`UPDATE ${applications} SET last_message_id = ${messageId}, last_activity_at = ${now},
      last_message_preview = ${body.slice(0, 160)}, last_message_author = ${author.name} WHERE id = ${context.application.id}`,
    sql`INSERT INTO ${notifications} (company_id, admin_id, application_id, message_id, created_at)
      SELECT ${context.company.id}, id, ${context.application.id}, ${messageId}, ${now} FROM ${admins}
      WHERE company_id = ${context.company.id} AND id != ${author.actorAdminId ?? 0}`,
    sql`UPDATE ${admins} SET unread_count = unread_count + 1 WHERE company_id = ${context.company.id} AND id != ${author.actorAdminId ?? 0}`,
    sql`INSERT INTO ${readMarkers} (application_id, reader, last_read_message_id, unread)
      SELECT ${context.application.id}, 'admin:' || id, 0, 1 FROM ${admins}
      WHERE company_id = ${context.company.id} AND id != ${author.actorAdminId ?? 0}
      ON CONFLICT (application_id, reader) DO UPDATE SET unread = unread + 1`,
    // Whoever writes has read the conversation (after the applications update, so up to this message).
    ...(author.actorAdminId !== null ? adminReadStatements({ id: author.actorAdminId, companyId: context.company.id }, context.application.id, now) : []),
    ...(input.author.kind === "candidate" ? candidateReadStatements(context.application.id, now) : []),
    ...insertOutbox(mail, messageId),
    sql`SELECT id, uid, application_id AS applicationId, company_id AS companyId, author_kind AS authorKind,
      author_admin_id AS authorAdminId, author_name AS authorName, author_email AS authorEmail, channel, body,
      original_body AS originalBody, skipped_files AS skippedFiles, created_at AS createdAt FROM ${messages} WHERE uid = ${uid}`,
    sql`SELECT n.id AS id, n.admin_id AS adminId, a.unread_count AS unread, r.unread AS applicationUnread
      FROM ${notifications} n JOIN ${admins} a ON a.id = n.admin_id
      JOIN ${readMarkers} r ON r.application_id = n.application_id AND r.reader = 'admin:' || n.admin_id
      WHERE n.message_id = ${messageId}`,
  ]).catch(async (error) => {
    if (input.author.kind === "candidate" && (await loadApplicationHead(db, context.application.id))?.application.status === "rejected") {
      throw rejected(context);
    }
    throw error;
  });
  const inserted = results.at(-2)?.[0] as MessageRow | undefined;
  const notified = results.at(-1) as PostedMessage["notifications"];
  const outboxIds = mail.length > 0 ? (results.at(-3) as { id: number }[]).map((r) => r.id) : [];
  if (!inserted) throw new Error("message insert did not persist");

  const files = input.attachments?.length ? await db.select().from(attachments).where(and(eq(attachments.applicationId, inserted.applicationId), eq(attachments.messageId, inserted.id))) : [];
  const view = messageView(inserted, files);
  if (mail.length > 0) view.delivery = { state: "pending" };
  const application = input.statusChange ? { ...context.application, status: input.statusChange } : context.application;
  const posted: PostedMessage = { context: { ...context, application }, message: view, notifications: notified };
  await publishPostedMessage(env, posted, outboxIds);
  return posted;
}

function rejected(context: ConversationContext): DomainError {
  return new DomainError("application_rejected", "This application is closed; the candidate can no longer write.", {
    contactEmail: context.company.contactEmail,
  });
}

function checkMayWrite(context: ConversationContext, author: Author, body: string, files: number): void {
  if (author.kind === "candidate" && context.application.status === "rejected") throw rejected(context);
  if (author.kind === "admin" && !context.admins.some((a) => a.id === author.adminId)) {
    throw new DomainError("not_found", "This conversation does not exist.");
  }
  if (body.length === 0 && files === 0) throw new DomainError("empty_message", "The message is empty.");
  if (body.length > MAX_BODY_LENGTH) {
    throw new DomainError("message_too_long", `A message may have at most ${MAX_BODY_LENGTH} characters.`);
  }
}

export interface AuthorDescription {
  name: string;
  email: string | null;
  /** The admin shown as the author. */
  adminId: number | null;
  /** The admin who did it (the author, or who caused a system line): not notified, and has read it. */
  actorAdminId: number | null;
}

function describeAuthor(context: ConversationContext, author: Author): AuthorDescription {
  switch (author.kind) {
    case "candidate":
      return { name: context.candidate.name, email: context.candidate.email, adminId: null, actorAdminId: null };
    case "admin": {
      const admin = context.admins.find((a) => a.id === author.adminId)!;
      return { name: admin.name, email: admin.email, adminId: admin.id, actorAdminId: admin.id };
    }
    case "company":
      return { name: context.company.name, email: author.email, adminId: null, actorAdminId: null };
    case "system":
      return { name: context.company.name, email: null, adminId: null, actorAdminId: context.admins.some((a) => a.id === author.byAdminId) ? author.byAdminId! : null };
  }
}

function insertAttachments(files: NewAttachment[], applicationId: number, messageId: ReturnType<typeof sql>) {
  if (files.length === 0) return [];
  const rows = files.map(
    (f) => sql`(${messageId}, ${applicationId}, ${f.filename}, ${f.contentType}, ${f.size}, ${f.r2Key})`,
  );
  return [sql`INSERT INTO ${attachments} (message_id, application_id, filename, content_type, size, r2_key) VALUES ${sql.join(rows, sql`, `)}`];
}

function insertOutbox(rows: OutboxRow[], messageId: ReturnType<typeof sql>) {
  if (rows.length === 0) return [];
  const values = rows.map(
    (r) => sql`(${r.companyId}, ${r.applicationId}, ${messageId}, ${r.kind}, ${r.recipientKind}, ${r.toAddress}, ${r.fromAddress},
      ${r.replyTo}, ${r.subject}, ${r.textBody}, ${r.htmlBody}, ${r.headers}, 'pending', 0, ${r.nextAttemptAt}, ${r.createdAt})`,
  );
  return [sql`INSERT INTO ${outbox} (company_id, application_id, message_id, kind, recipient_kind, to_address, from_address,
    reply_to, subject, text_body, html_body, headers, state, attempts, next_attempt_at, created_at) VALUES ${sql.join(values, sql`, `)} RETURNING id`];
}
