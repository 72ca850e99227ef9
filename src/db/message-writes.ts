/**
 * The batch that stores one message: the message, its files, the application's inbox summary, notifications
 * and unread counters, read marks, and the emails it causes, in one D1 transaction. Everything it needs is read
 * inside its statements, and what must hold (the writer's session, the application's status) is asserted by
 * guard statements in it: the whole write is one round trip, and a refusal leaves nothing behind.
 */
import { sql, type SQL } from "drizzle-orm";
import { guard } from "./guard";
import { queueToAdmins, queueToCandidate, queueToCompany, type OutboxKind } from "./outbox";
import { rawBatch } from "./raw-batch";
import { adminReadStatements, candidateReadStatements } from "./read-marks";
import { admins, applications, attachments, companies, messages, notifications, readMarkers, webhooks, type NotificationKind } from "./schema";

export type MessageRow = typeof messages.$inferSelect;
type AttachmentRow = Omit<typeof attachments.$inferSelect, "messageId" | "applicationId" | "r2Key">;

/** An id known now, or one the same batch finds (an application created a statement earlier). */
export type IdRef = number | SQL;
/** One statement of a batch, built here in src/db; the domain only passes them along. */
export type Statement = SQL;

export interface MessageWrite {
  applicationId: IdRef;
  author: { kind: "candidate" } | { kind: "admin"; adminId: number } | { kind: "company"; email: string } | { kind: "system"; byAdminId: number | null };
  channel: "web" | "email";
  body: string;
  originalBody: string | null;
  skippedFiles: string;
  /** JSON array of the other addresses an emailed message went to. */
  alsoSentTo: string;
  files: { filename: string; contentType: string; size: number; r2Key: string }[];
  /** Who sees it: everyone, or only the team (then nothing of it reaches the candidate). */
  visibility: "all" | "internal";
  /** Which emails it sends: to the candidate, and/or one per notification address (of these kinds). */
  mail: { to: "candidate" | "company"; kind: OutboxKind }[];
  /** Admins mentioned (in a note): their notification is a "mention", and each gets an email. */
  mentions: number[];
  /** Conditions the batch asserts before writing anything; any false one fails it all. */
  requires: SQL[];
  /** Statements that go first (a status change, the application itself). */
  before: SQL[];
  /** Statements that go after the message is stored, given a reference to its id. */
  after?: (message: SQL) => SQL[];
  now: number;
}

export interface WrittenMessage {
  message: MessageRow;
  files: AttachmentRow[];
  notifications: { id: number; kind: NotificationKind; adminId: number; unread: number; applicationUnread: number }[];
  outboxIds: number[];
  application: { id: number; companyId: number; status: "active" | "rejected"; webhooks: number };
}

export async function writeMessage(d1: D1Database, write: MessageWrite): Promise<WrittenMessage> {
  const app = write.applicationId;
  const uid = crypto.randomUUID();
  const message = sql`(SELECT ${messages.id} FROM ${messages} WHERE ${messages.uid} = ${uid})`;
  const company = sql`(SELECT company_id FROM ${applications} WHERE id = ${app})`;
  const actor = write.author.kind === "admin" ? write.author.adminId : write.author.kind === "system" ? write.author.byAdminId : null;
  const { name, email } = authorColumns(write.author, app);
  const mentioned =
    write.mentions.length > 0
      ? sql`ad.id IN (${sql.join(
          write.mentions.map((m) => sql`${m}`),
          sql`, `,
        )})`
      : sql`0`;
  // Whose turn it is follows the messages both sides see, not the team's notes or the system's lines.
  const turn = write.visibility === "all" && write.author.kind !== "system" ? (write.author.kind === "candidate" ? "company" : "candidate") : null;

  const statements: SQL[] = [
    ...write.before,
    ...(write.requires.length > 0 ? [guard(sql.join(write.requires, sql` AND `))] : []),
    sql`INSERT INTO ${messages} (uid, application_id, company_id, author_kind, author_admin_id, author_name, author_email, channel, body, original_body, skipped_files, also_sent_to, visibility, created_at)
      SELECT ${uid}, id, company_id, ${write.author.kind}, ${write.author.kind === "admin" ? write.author.adminId : null}, ${name}, ${email},
      ${write.channel}, ${write.body}, ${write.originalBody}, ${write.skippedFiles}, ${write.alsoSentTo}, ${write.visibility}, ${write.now} FROM ${applications} WHERE id = ${app}`,
    // Every statement below refers to the message; the guard above made sure its application exists.
    ...insertFiles(write.files, app, message),
    sql`UPDATE ${applications} SET last_message_id = ${message}, last_activity_at = ${write.now},
      last_message_preview = ${write.body.slice(0, 160)}, last_message_author = (SELECT author_name FROM ${messages} WHERE uid = ${uid}),
      last_message_author_kind = ${write.author.kind}, last_message_visibility = ${write.visibility},
      waiting_on = coalesce(${turn}, waiting_on) WHERE id = ${app}`,
    sql`INSERT INTO ${notifications} (company_id, admin_id, application_id, kind, message_id, author_kind, author_name, candidate_name, preview, created_at)
      SELECT ad.company_id, ad.id, m.application_id,
        CASE WHEN ${mentioned} THEN 'mention' WHEN EXISTS (SELECT 1 FROM ${messages} e WHERE e.application_id = m.application_id AND e.id < m.id) THEN 'message' ELSE 'application' END, m.id, m.author_kind, m.author_name, ap.candidate_name, substr(m.body, 1, 120), ${write.now}
      FROM ${admins} ad JOIN ${messages} m ON m.uid = ${uid} JOIN ${applications} ap ON ap.id = m.application_id
      WHERE ad.company_id = m.company_id AND ad.id != ${actor ?? 0}`,
    sql`UPDATE ${admins} SET unread_count = unread_count + 1 WHERE company_id = ${company} AND id != ${actor ?? 0}`,
    sql`INSERT INTO ${readMarkers} (application_id, reader, last_read_message_id, unread)
      SELECT ${app}, 'admin:' || id, 0, 1 FROM ${admins} WHERE company_id = ${company} AND id != ${actor ?? 0}
      ON CONFLICT (application_id, reader) DO UPDATE SET unread = unread + 1`,
    // Whoever writes has read the conversation (after the applications update, so up to this message).
    ...(actor !== null ? adminReadStatements(actor, app, write.now) : []),
    ...(write.author.kind === "candidate" ? candidateReadStatements(app, write.now) : []),
    ...(write.after?.(message) ?? []),
  ];
  const outboxAt = write.mail.map((mail) => statements.push((mail.to === "candidate" ? queueToCandidate : queueToCompany)(sql`${app}`, message, mail.kind, write.now)) - 1);
  if (write.mentions.length > 0) outboxAt.push(statements.push(queueToAdmins(sql`${app}`, message, write.mentions, write.now)) - 1);
  statements.push(
    sql`SELECT id, uid, application_id AS applicationId, company_id AS companyId, author_kind AS authorKind,
      author_admin_id AS authorAdminId, author_name AS authorName, author_email AS authorEmail, channel, body,
      original_body AS originalBody, skipped_files AS skippedFiles, also_sent_to AS alsoSentTo, visibility, created_at AS createdAt FROM ${messages} WHERE uid = ${uid}`,
    sql`SELECT id, filename, content_type AS contentType, size FROM ${attachments} WHERE message_id = ${message} ORDER BY id`,
    sql`SELECT n.id AS id, n.kind AS kind, n.admin_id AS adminId, a.unread_count AS unread, r.unread AS applicationUnread
      FROM ${notifications} n JOIN ${admins} a ON a.id = n.admin_id
      JOIN ${readMarkers} r ON r.application_id = n.application_id AND r.reader = 'admin:' || n.admin_id
      WHERE n.message_id = ${message}`,
    // Whether any (enabled) webhook could want to hear of it: read here, so a company without one costs no query after.
    sql`SELECT id, company_id AS companyId, status, EXISTS (SELECT 1 FROM ${webhooks} w WHERE w.company_id = ${applications}.company_id AND w.disabled_at IS NULL) AS webhooks
      FROM ${applications} WHERE id = ${app}`,
  );
  const results = await rawBatch(d1, statements);
  const [messageRows, files, notified, applicationRows] = results.slice(-4);
  const inserted = messageRows?.[0] as MessageRow | undefined;
  if (!inserted) throw new Error("message insert did not persist");
  return {
    message: inserted,
    files: files as AttachmentRow[],
    notifications: notified as WrittenMessage["notifications"],
    outboxIds: outboxAt.flatMap((at) => (results[at] as { id: number }[]).map((r) => r.id)),
    application: applicationRows![0] as WrittenMessage["application"],
  };
}

/** The author's name and address as stored with the message, read in the statement itself. */
function authorColumns(author: MessageWrite["author"], app: IdRef): { name: SQL; email: SQL } {
  const companyName = sql`(SELECT name FROM ${companies} WHERE id = (SELECT company_id FROM ${applications} WHERE id = ${app}))`;
  switch (author.kind) {
    case "candidate":
      return { name: sql`candidate_name`, email: sql`candidate_email` };
    case "admin":
      return { name: sql`(SELECT name FROM ${admins} WHERE id = ${author.adminId})`, email: sql`(SELECT email FROM ${admins} WHERE id = ${author.adminId})` };
    case "company":
      return { name: companyName, email: sql`${author.email}` };
    case "system":
      return { name: companyName, email: sql`NULL` };
  }
}

function insertFiles(files: MessageWrite["files"], app: IdRef, message: SQL): SQL[] {
  if (files.length === 0) return [];
  const rows = files.map((f) => sql`(${message}, ${app}, ${f.filename}, ${f.contentType}, ${f.size}, ${f.r2Key})`);
  return [sql`INSERT INTO ${attachments} (message_id, application_id, filename, content_type, size, r2_key) VALUES ${sql.join(rows, sql`, `)}`];
}
