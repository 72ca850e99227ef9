/**
 * The reads of a personal-data export (GDPR Art. 15): everything stored about one candidate at one company. The
 * long lists are read in keyset pages (id after the last one), so an export of any size costs bounded reads.
 */
import { and, asc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { applications, attachments, candidates, companies, inboundLog, messages, offers, outbox } from "./schema";

/** Whose data: a candidate of a company. */
export interface Subject {
  companyId: number;
  candidateId: number;
}

/** The person, their company and every application of theirs there. Null when there is no such candidate. */
export async function exportHead(db: Db, subject: Subject) {
  const [person] = await db
    .select({ name: candidates.name, email: candidates.email, createdAt: candidates.createdAt, company: { name: companies.name, contactEmail: companies.contactEmail } })
    .from(candidates)
    .innerJoin(companies, eq(companies.id, candidates.companyId))
    .where(and(eq(candidates.id, subject.candidateId), eq(candidates.companyId, subject.companyId)));
  if (!person) return null;
  const apps = await db
    .select({
      id: applications.id,
      linkVersion: applications.linkVersion,
      status: applications.status,
      source: applications.source,
      createdAt: applications.createdAt,
      lastActivityAt: applications.lastActivityAt,
      offer: { id: offers.id, title: offers.title },
    })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(and(eq(applications.candidateId, subject.candidateId), eq(applications.companyId, subject.companyId)))
    .orderBy(asc(applications.id));
  return { person, applications: apps };
}

/** The candidate of an application of this company (the admin's export starts from a conversation). */
export async function subjectOf(db: Db, companyId: number, applicationId: number): Promise<Subject | null> {
  const [row] = await db
    .select({ candidateId: applications.candidateId })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.companyId, companyId)));
  return row ? { companyId, candidateId: row.candidateId } : null;
}

const theirApplications = (s: Subject) => sql`(SELECT id FROM ${applications} WHERE company_id = ${s.companyId} AND candidate_id = ${s.candidateId})`;

export type Audience = "admin" | "candidate";

/** Messages of their conversations (for the candidate without the team's internal ones), oldest first. */
export function messagesPage(db: Db, s: Subject, audience: Audience, afterId: number, limit: number) {
  return db
    .select({
      id: messages.id,
      applicationId: messages.applicationId,
      authorKind: messages.authorKind,
      authorName: messages.authorName,
      channel: messages.channel,
      body: messages.body,
      originalBody: messages.originalBody,
      alsoSentTo: messages.alsoSentTo,
      visibility: messages.visibility,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(and(inArray(messages.applicationId, theirApplications(s)), gt(messages.id, afterId), audience === "candidate" ? eq(messages.visibility, "all") : undefined))
    .orderBy(asc(messages.id))
    .limit(limit);
}

/** Files of those messages. */
export function attachmentsPage(db: Db, s: Subject, audience: Audience, afterId: number, limit: number) {
  return db
    .select({
      id: attachments.id,
      applicationId: attachments.applicationId,
      messageId: attachments.messageId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(inArray(attachments.applicationId, theirApplications(s)), gt(attachments.id, afterId), audience === "candidate" ? eq(messages.visibility, "all") : undefined))
    .orderBy(asc(attachments.id))
    .limit(limit);
}

/** Every email this company's conversations sent to their address, as it went out. */
export function sentEmailsPage(db: Db, s: Subject, email: string, afterId: number, limit: number) {
  return db
    .select({
      id: outbox.id,
      applicationId: outbox.applicationId,
      kind: outbox.kind,
      to: outbox.toAddress,
      from: outbox.fromAddress,
      subject: outbox.subject,
      text: outbox.textBody,
      state: outbox.state,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(and(eq(outbox.companyId, s.companyId), eq(outbox.toAddress, email), gt(outbox.id, afterId)))
    .orderBy(asc(outbox.id))
    .limit(limit);
}

/** Emails their conversations received from them: sent from their address, or stored as their message. */
export function receivedEmailsPage(db: Db, s: Subject, email: string, afterId: number, limit: number) {
  const fromThem: SQL = or(
    eq(sql`lower(${inboundLog.envelopeFrom})`, email),
    inArray(
      inboundLog.storedMessageId,
      db
        .select({ id: messages.id })
        .from(messages)
        .where(and(inArray(messages.applicationId, theirApplications(s)), eq(messages.authorKind, "candidate"))),
    ),
  )!;
  return db
    .select({
      id: inboundLog.id,
      applicationId: inboundLog.applicationId,
      receivedAt: inboundLog.receivedAt,
      from: inboundLog.envelopeFrom,
      subject: inboundLog.subject,
      outcome: inboundLog.outcome,
    })
    .from(inboundLog)
    .where(and(inArray(inboundLog.applicationId, theirApplications(s)), fromThem, gt(inboundLog.id, afterId)))
    .orderBy(asc(inboundLog.id))
    .limit(limit);
}
