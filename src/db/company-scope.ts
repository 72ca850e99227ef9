import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { admins, applications, candidates, companies, invitations, notificationAddresses, notifications, offers, queueCounts, readMarkers } from "./schema";

export const INBOX_PAGE_SIZE = 25;
export const NOTIFICATION_PAGE_SIZE = 50;

export interface InboxFilter {
  offerId?: number;
  status?: "active" | "rejected";
  /** Keyset cursor "<lastActivityAt>.<id>" of the last row of the previous page. */
  cursor?: string;
  /** Just this application's row (the live inbox refreshes one row at a time). */
  applicationId?: number;
  /** "me": the reading admin's; "none": nobody's; a number: that admin's. */
  assignee?: "me" | "none" | number;
  waitingOn?: "company" | "candidate";
}

/** The assignee as the application row carries it (the name copied there when assigned). */
const assigneeColumns = { assigneeId: applications.assigneeAdminId, assigneeName: applications.assigneeName };

/**
 * Every admin-facing read goes through here with the company id first, so a query that forgets the tenant
 * cannot be written by accident; anything of another company simply is not found.
 */
export function companyScope(db: Db, companyId: number) {
  return {
    async company() {
      const [row] = await this.companyQuery();
      return row!;
    },

    async admins() {
      return db.select({ id: admins.id, name: admins.name, email: admins.email }).from(admins).where(eq(admins.companyId, companyId)).orderBy(asc(admins.name));
    },

    async offers() {
      const rows = await db.select().from(offers).where(eq(offers.companyId, companyId)).orderBy(asc(offers.id));
      const addresses = rows.length
        ? await db
            .select()
            .from(notificationAddresses)
            .where(
              inArray(
                notificationAddresses.offerId,
                rows.map((o) => o.id),
              ),
            )
        : [];
      return rows.map((o) => ({
        ...o,
        notificationEmails: addresses.filter((a) => a.offerId === o.id).map((a) => a.email),
      }));
    },

    async offer(offerId: number) {
      const [row] = await db
        .select()
        .from(offers)
        .where(and(eq(offers.id, offerId), eq(offers.companyId, companyId)));
      return row ?? null;
    },

    async application(applicationId: number) {
      const [row] = await this.applicationQuery(applicationId);
      return row ?? null;
    },

    applicationQuery(applicationId: number) {
      return db
        .select({
          id: applications.id,
          status: applications.status,
          source: applications.source,
          linkVersion: applications.linkVersion,
          createdAt: applications.createdAt,
          waitingOn: applications.waitingOn,
          candidate: { id: candidates.id, name: candidates.name, email: candidates.email },
          offer: { id: offers.id, title: offers.title },
          ...assigneeColumns,
        })
        .from(applications)
        .innerJoin(candidates, eq(candidates.id, applications.candidateId))
        .innerJoin(offers, eq(offers.id, applications.offerId))
        .where(and(eq(applications.id, applicationId), eq(applications.companyId, companyId)));
    },

    /** These applications of the company (others' ids are left out), in the order given: who a bulk action reaches. */
    async applicationsListed(ids: number[]) {
      // D1 binds at most 100 parameters per statement: long lists are read in slices, in one round trip.
      const slices = Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));
      const [first, ...rest] = slices.map((slice) =>
        db
          .select({ id: applications.id, status: applications.status, candidateName: candidates.name, candidateEmail: candidates.email, offerTitle: offers.title })
          .from(applications)
          .innerJoin(candidates, eq(candidates.id, applications.candidateId))
          .innerJoin(offers, eq(offers.id, applications.offerId))
          .where(and(inArray(applications.id, slice), eq(applications.companyId, companyId))),
      );
      if (!first) return [];
      const byId = new Map((await db.batch([first, ...rest])).flat().map((row) => [row.id, row]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** The company's offers' ids and titles (what the inbox labels its rows with). */
    offerTitlesQuery() {
      return db.select({ id: offers.id, title: offers.title }).from(offers).where(eq(offers.companyId, companyId)).orderBy(asc(offers.id));
    },

    /** Latest activity first; one row per application with this admin's unread count. */
    async inbox(adminId: number, filter: InboxFilter, pageSize = INBOX_PAGE_SIZE) {
      return inboxPage(await this.inboxQuery(adminId, filter, pageSize), pageSize);
    },

    inboxQuery(adminId: number, filter: InboxFilter, pageSize = INBOX_PAGE_SIZE) {
      const conditions: SQL[] = [eq(applications.companyId, companyId)];
      if (filter.offerId !== undefined) conditions.push(eq(applications.offerId, filter.offerId));
      if (filter.status) conditions.push(eq(applications.status, filter.status));
      if (filter.applicationId !== undefined) conditions.push(eq(applications.id, filter.applicationId));
      if (filter.assignee === "none") conditions.push(isNull(applications.assigneeAdminId));
      else if (filter.assignee !== undefined) conditions.push(eq(applications.assigneeAdminId, filter.assignee === "me" ? adminId : filter.assignee));
      if (filter.waitingOn) conditions.push(eq(applications.waitingOn, filter.waitingOn));
      const after = parseCursor(filter.cursor);
      if (after) {
        // A row-value comparison is one index range; the equivalent OR made SQLite re-read earlier pages.
        conditions.push(sql`(${applications.lastActivityAt}, ${applications.id}) < (${after.at}, ${after.id})`);
      }
      return db
        .select({
          id: applications.id,
          status: applications.status,
          source: applications.source,
          offerId: applications.offerId,
          lastActivityAt: applications.lastActivityAt,
          lastMessageId: applications.lastMessageId,
          lastMessagePreview: applications.lastMessagePreview,
          lastMessageAuthor: applications.lastMessageAuthor,
          lastMessageAuthorKind: applications.lastMessageAuthorKind,
          lastMessageVisibility: applications.lastMessageVisibility,
          candidate: { name: applications.candidateName, email: applications.candidateEmail },
          waitingOn: applications.waitingOn,
          ...assigneeColumns,
          unread: readMarkers.unread,
        })
        .from(applications)
        .leftJoin(readMarkers, and(eq(readMarkers.applicationId, applications.id), eq(readMarkers.reader, `admin:${adminId}`)))
        .where(and(...conditions))
        .orderBy(desc(applications.lastActivityAt), desc(applications.id))
        .limit(pageSize + 1);
    },

    /** How many conversations each inbox queue holds (the "waiting" ones: open applications); four rows, kept by triggers. */
    queueCountsQuery(adminId: number) {
      return db
        .select({ queue: queueCounts.queue, n: queueCounts.n })
        .from(queueCounts)
        .where(and(eq(queueCounts.companyId, companyId), inArray(queueCounts.queue, [`assignee:${adminId}`, "unassigned", "waiting:company", "waiting:candidate"])));
    },

    async notifications(adminId: number, beforeId?: number, pageSize = NOTIFICATION_PAGE_SIZE) {
      const [rows, counter] = await db.batch(this.notificationsQueries(adminId, beforeId, pageSize));
      return { rows, unread: counter[0]?.unread ?? 0 };
    },

    /** A page of the admin's notifications and their unread count, for a batch of the caller's. */
    notificationsQueries(adminId: number, beforeId?: number, pageSize = NOTIFICATION_PAGE_SIZE) {
      const conditions = [eq(notifications.companyId, companyId), eq(notifications.adminId, adminId)];
      if (beforeId !== undefined) conditions.push(lt(notifications.id, beforeId));
      return [
        db
          .select()
          .from(notifications)
          .where(and(...conditions))
          .orderBy(desc(notifications.id))
          .limit(pageSize),
        db
          .select({ unread: admins.unreadCount })
          .from(admins)
          .where(and(eq(admins.id, adminId), eq(admins.companyId, companyId))),
      ] as const;
    },

    /** For the first steps: whether the company has a job post yet, and colleagues (or invited ones). */
    async onboardingProgress(now: number) {
      const [row] = await db
        .select({
          offers: sql<number>`(SELECT count(*) FROM ${offers} WHERE company_id = ${companyId})`,
          admins: sql<number>`(SELECT count(*) FROM ${admins} WHERE company_id = ${companyId})`,
          invited: sql<number>`(SELECT count(*) FROM ${invitations} WHERE company_id = ${companyId} AND expires_at > ${now})`,
        })
        .from(companies)
        .where(eq(companies.id, companyId));
      return { hasOffer: (row?.offers ?? 0) > 0, hasTeam: (row?.admins ?? 0) > 1 || (row?.invited ?? 0) > 0 };
    },

    companyQuery() {
      return db.select().from(companies).where(eq(companies.id, companyId));
    },
  };
}

export type CompanyScope = ReturnType<typeof companyScope>;

/** The queue tabs' counts from queueCountsQuery's rows. */
export function queueCountsOf(rows: { queue: string; n: number }[]) {
  const n = (queue: string) => Math.max(0, rows.find((r) => r.queue === queue)?.n ?? 0);
  const mine = rows.find((r) => r.queue.startsWith("assignee:"));
  return { mine: Math.max(0, mine?.n ?? 0), unassigned: n("unassigned"), waitingOnUs: n("waiting:company"), waitingOnCandidate: n("waiting:candidate") };
}

type InboxRow = Awaited<ReturnType<CompanyScope["inboxQuery"]>>[number];

/** A page of the inbox from its query's rows (one more than the page, to know if there is a next one). */
export function inboxPage(rows: InboxRow[], pageSize = INBOX_PAGE_SIZE) {
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({ ...r, unread: r.unread ?? 0 })),
    nextCursor: rows.length > pageSize && last ? `${last.lastActivityAt}.${last.id}` : null,
  };
}

export function parseCursor(cursor: string | undefined): { at: number; id: number } | null {
  const match = cursor ? /^(\d{1,15})\.(\d{1,15})$/.exec(cursor) : null;
  return match ? { at: Number(match[1]), id: Number(match[2]) } : null;
}
