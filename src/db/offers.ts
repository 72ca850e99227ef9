import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import { normalizeEmail, type Db } from "./client";
import { applications, candidates, companies, notificationAddresses, offers } from "./schema";

/** An offer as anyone may see it on its public page, with the company that posts it. */
export async function publicOffer(db: Db, offerId: number) {
  const [row] = await db
    .select({
      id: offers.id,
      title: offers.title,
      description: offers.description,
      status: offers.status,
      company: { id: companies.id, name: companies.name, locale: companies.locale, contactEmail: companies.contactEmail, retentionDays: companies.retentionDays },
    })
    .from(offers)
    .innerJoin(companies, eq(companies.id, offers.companyId))
    .where(eq(offers.id, offerId));
  return row ?? null;
}

/** The offer's notification addresses; empty for another company's offer. */
export async function offerAddresses(db: Db, companyId: number, offerId: number) {
  return db
    .select({ id: notificationAddresses.id, email: notificationAddresses.email })
    .from(notificationAddresses)
    .innerJoin(offers, eq(offers.id, notificationAddresses.offerId))
    .where(and(eq(notificationAddresses.offerId, offerId), eq(offers.companyId, companyId)))
    .orderBy(asc(notificationAddresses.id));
}

export async function updateOffer(db: Db, companyId: number, offerId: number, input: { title: string; description: string }): Promise<void> {
  await db
    .update(offers)
    .set(input)
    .where(and(eq(offers.id, offerId), eq(offers.companyId, companyId)));
}

/** Adds an address to one of the company's offers; "exists" when it is already there. */
export async function addNotificationAddress(db: Db, companyId: number, offerId: number, address: string): Promise<"added" | "exists"> {
  const [offer] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.companyId, companyId)));
  if (!offer) throw new Error("offer is not this company's");
  const added = await db
    .insert(notificationAddresses)
    .values({ offerId, email: normalizeEmail(address) })
    .onConflictDoNothing()
    .returning({ id: notificationAddresses.id });
  return added.length > 0 ? "added" : "exists";
}

/**
 * Removes an address unless it is the offer's last one: the count is checked inside the DELETE itself, so two
 * admins removing the last two addresses at once cannot leave the offer with none.
 */
export async function removeNotificationAddress(db: Db, companyId: number, offerId: number, addressId: number): Promise<"removed" | "last"> {
  const removed = await db
    .delete(notificationAddresses)
    .where(
      and(
        eq(notificationAddresses.id, addressId),
        eq(notificationAddresses.offerId, offerId),
        sql`${offerId} IN (SELECT id FROM ${offers} WHERE company_id = ${companyId})`,
        sql`(SELECT count(*) FROM ${notificationAddresses} WHERE offer_id = ${offerId}) > 1`,
      ),
    )
    .returning({ id: notificationAddresses.id });
  return removed.length > 0 ? "removed" : "last";
}

/** The offer with what a new application needs of its company. */
export async function offerWithCompany(db: Db, offerId: number) {
  const [offer] = await db
    .select({ id: offers.id, title: offers.title, companyId: offers.companyId, status: offers.status, locale: companies.locale })
    .from(offers)
    .innerJoin(companies, eq(companies.id, offers.companyId))
    .where(eq(offers.id, offerId));
  return offer ?? null;
}

/** The application this address already has for the offer (the answer to a second application). */
export async function existingApplication(db: Db, offerId: number, companyId: number, email: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .where(and(eq(applications.offerId, offerId), eq(candidates.companyId, companyId), eq(candidates.email, email)));
  return row?.id;
}

export interface OfferInput {
  title: string;
  description: string;
  notificationEmails: string[];
}

/** The company's offers as the API shows them: addresses, status and how many applications are active or rejected. */
export async function offerViews(db: Db, companyId: number, offerId?: number) {
  const only = offerId === undefined ? undefined : eq(offers.id, offerId);
  const [rows, addresses, counts] = await db.batch([
    db
      .select({ id: offers.id, title: offers.title, description: offers.description, status: offers.status })
      .from(offers)
      .where(and(eq(offers.companyId, companyId), only))
      .orderBy(asc(offers.id)),
    db
      .select({ offerId: notificationAddresses.offerId, email: notificationAddresses.email })
      .from(notificationAddresses)
      .innerJoin(offers, eq(offers.id, notificationAddresses.offerId))
      .where(and(eq(offers.companyId, companyId), only))
      .orderBy(asc(notificationAddresses.id)),
    db
      .select({ offerId: applications.offerId, status: applications.status, count: sql<number>`count(*)` })
      .from(applications)
      .where(and(eq(applications.companyId, companyId), offerId === undefined ? undefined : eq(applications.offerId, offerId)))
      .groupBy(applications.offerId, applications.status),
  ]);
  return rows.map((o) => ({
    ...o,
    notificationEmails: addresses.filter((a) => a.offerId === o.id).map((a) => a.email),
    counts: {
      active: counts.find((c) => c.offerId === o.id && c.status === "active")?.count ?? 0,
      rejected: counts.find((c) => c.offerId === o.id && c.status === "rejected")?.count ?? 0,
    },
  }));
}

/** A new offer with its notification addresses. */
export async function insertOffer(db: Db, companyId: number, input: OfferInput, now: number): Promise<number> {
  const [offer] = await db.insert(offers).values({ companyId, title: input.title, description: input.description, createdAt: now }).returning({ id: offers.id });
  if (input.notificationEmails.length > 0) {
    await db
      .insert(notificationAddresses)
      .values(input.notificationEmails.map((email) => ({ offerId: offer!.id, email: normalizeEmail(email) })))
      .onConflictDoNothing();
  }
  return offer!.id;
}

/** Changes what is given; `notificationEmails` replaces the offer's addresses. False when it is not this company's. */
export async function patchOffer(db: Db, companyId: number, offerId: number, input: Partial<OfferInput> & { status?: "open" | "closed" }): Promise<boolean> {
  const { notificationEmails, ...fields } = input;
  const [offer] = await db
    .update(offers)
    .set(fields)
    .where(and(eq(offers.id, offerId), eq(offers.companyId, companyId)))
    .returning({ id: offers.id });
  if (!offer) return false;
  if (notificationEmails) {
    const wanted = [...new Set(notificationEmails.map(normalizeEmail))];
    await db.batch([
      db.delete(notificationAddresses).where(and(eq(notificationAddresses.offerId, offerId), notInArray(notificationAddresses.email, wanted))),
      db
        .insert(notificationAddresses)
        .values(wanted.map((email) => ({ offerId, email })))
        .onConflictDoNothing(),
    ]);
  }
  return true;
}
