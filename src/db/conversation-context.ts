import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client";
import { preparedQuery } from "./prepared";
import { admins, applications, attachments, candidates, companies, messages, notificationAddresses, offers } from "./schema";
import type { Locale } from "../conversations/types";

/** Everything the domain needs to decide about and announce a message in one application's conversation. */
export interface ConversationContext {
  application: { id: number; companyId: number; status: "active" | "rejected"; source: "applied" | "manual"; linkVersion: number };
  candidate: { id: number; name: string; email: string };
  offer: { id: number; title: string };
  /** `retentionDays`: how long it keeps a closed application's data (the notice to candidates says so). */
  company: { id: number; name: string; contactEmail: string; locale: Locale; retentionDays: number; timeZone: string };
  notificationAddresses: { id: number; email: string }[];
  admins: { id: number; name: string; email: string }[];
}

/** How many earlier messages an email to the candidate quotes. */
export const RECENT_MESSAGES = 3;

export type ApplicationHead = Omit<ConversationContext, "notificationAddresses" | "admins">;

// Not company-scoped on purpose: callers reach these only after proving access (session company, candidate token
// or routing HMAC), and each of them compares companyId themselves.

/** The application with its candidate, offer and company. */
export async function loadApplicationHead(db: Db, applicationId: number): Promise<ApplicationHead | null> {
  const [head] = await headQuery(db, { applicationId });
  return head ?? null;
}

const applicationId = sql.placeholder("applicationId");
const messageId = sql.placeholder("messageId");

// Columns sharing a name (id, name) get aliases: drizzle's D1 batch maps result rows by column name.
const headQuery = preparedQuery<{ applicationId: number }, ReturnType<typeof selectHead>>((db) => selectHead(db));

function selectHead(db: Db) {
  return db
    .select({
      application: {
        id: applications.id,
        companyId: applications.companyId,
        status: applications.status,
        source: applications.source,
        linkVersion: applications.linkVersion,
      },
      candidate: {
        id: sql<number>`${candidates.id}`.as("head_candidate_id"),
        name: sql<string>`${candidates.name}`.as("head_candidate_name"),
        email: candidates.email,
      },
      offer: { id: sql<number>`${offers.id}`.as("head_offer_id"), title: offers.title },
      company: {
        id: sql<number>`${companies.id}`.as("head_company_id"),
        name: sql<string>`${companies.name}`.as("head_company_name"),
        contactEmail: companies.contactEmail,
        locale: companies.locale,
        retentionDays: companies.retentionDays,
        timeZone: companies.timeZone,
      },
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .where(eq(applications.id, applicationId))
    .limit(1);
}

/**
 * The head plus who is notified (the offer's notification addresses, the company's admins), in one round trip:
 * what the inbound pipeline decides an email's author by.
 */
export async function loadConversationContext(db: Db, applicationId: number): Promise<ConversationContext | null> {
  return toConversationContext(await db.batch(conversationContextQueries(db, applicationId)));
}

/** The reads of loadConversationContext, for a batch that also does something else (claiming an email). */
export function conversationContextQueries(db: Db, id: number) {
  const values = { applicationId: id };
  return [headQuery(db, values), addressesQuery(db, values), adminsQuery(db, values)] as const;
}

const ofApplication = (column: typeof applications.offerId | typeof applications.companyId) =>
  sql`(SELECT ${column} FROM ${applications} WHERE ${applications.id} = ${applicationId})`;

const addressesQuery = preparedQuery((db: Db) =>
  db
    .select({ id: notificationAddresses.id, email: notificationAddresses.email })
    .from(notificationAddresses)
    .where(eq(notificationAddresses.offerId, ofApplication(applications.offerId))),
);

const adminsQuery = preparedQuery((db: Db) =>
  db
    .select({ id: admins.id, name: admins.name, email: admins.email })
    .from(admins)
    .where(eq(admins.companyId, ofApplication(applications.companyId))),
);

export function toConversationContext([heads, addressRows, adminRows]: BatchResponse<ReturnType<typeof conversationContextQueries>>): ConversationContext | null {
  const head = heads[0];
  if (!head) return null;
  return { ...head, notificationAddresses: addressRows, admins: adminRows };
}

/** What an outbox row's email is rendered from, read at delivery time. */
export interface EmailMatter {
  head: ApplicationHead;
  /** The message the email carries (null for automatic answers). */
  message: typeof messages.$inferSelect | null;
  /** The messages before it, oldest first (quoted under it). */
  history: { authorName: string; body: string; createdAt: number }[];
  /** The message's files. */
  files: { id: number; filename: string; size: number }[];
}

/** The matter, and the previous email to the same address (for threading), in one round trip. */
export async function loadEmailMatter<T>(
  db: Db,
  applicationId: number,
  messageId: number | null,
  also: BatchItem<"sqlite"> & PromiseLike<T>,
): Promise<{ matter: EmailMatter | null; also: T }> {
  const values = { applicationId, messageId: messageId ?? 0 };
  const before = { applicationId, messageId: messageId ?? Number.MAX_SAFE_INTEGER };
  const [heads, message, history, files, extra] = await db.batch([headQuery(db, values), messageQuery(db, values), historyQuery(db, before), filesQuery(db, values), also]);
  const head = heads[0];
  return { matter: head ? { head, message: message[0] ?? null, history: history.reverse(), files } : null, also: extra as T };
}

const messageQuery = preparedQuery((db: Db) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.applicationId, applicationId))),
);

const historyQuery = preparedQuery((db: Db) =>
  db
    .select({ authorName: messages.authorName, body: messages.body, createdAt: messages.createdAt })
    .from(messages)
    // Quoted to the candidate: only what they may see.
    .where(and(eq(messages.applicationId, applicationId), lt(messages.id, messageId), eq(messages.visibility, "all")))
    .orderBy(desc(messages.id))
    .limit(RECENT_MESSAGES),
);

const filesQuery = preparedQuery((db: Db) =>
  db
    .select({ id: attachments.id, filename: attachments.filename, size: attachments.size })
    .from(attachments)
    .where(and(eq(attachments.applicationId, applicationId), eq(attachments.messageId, messageId)))
    .orderBy(asc(attachments.id)),
);

export async function loadCompany(db: Db, companyId: number) {
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  return company ?? null;
}
