/** The demo seed's writes, each idempotent: find the row, or create it. */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { admins, applications, candidates, companies, notificationAddresses, offers } from "./schema";

async function ensure(find: () => Promise<{ id: number }[]>, create: () => Promise<{ id: number }[]>): Promise<number> {
  const [found] = await find();
  if (found) return found.id;
  const [created] = await create();
  return created!.id;
}

export function ensureCompany(db: Db, company: { name: string; contactEmail: string; locale: "cs" | "en" }, now: number): Promise<number> {
  return ensure(
    () => db.select({ id: companies.id }).from(companies).where(eq(companies.name, company.name)),
    () =>
      db
        .insert(companies)
        .values({ ...company, createdAt: now })
        .returning({ id: companies.id }),
  );
}

export function ensureAdmin(db: Db, admin: { companyId: number; email: string; name: string }, passwordHash: () => Promise<string>, now: number): Promise<number> {
  return ensure(
    () => db.select({ id: admins.id }).from(admins).where(eq(admins.email, admin.email)),
    async () =>
      db
        .insert(admins)
        .values({ ...admin, passwordHash: await passwordHash(), emailConfirmedAt: now, createdAt: now })
        .returning({ id: admins.id }),
  );
}

export async function ensureOffer(db: Db, offer: { companyId: number; title: string; description: string; notificationEmails: string[] }, now: number): Promise<number> {
  const offerId = await ensure(
    () =>
      db
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.companyId, offer.companyId), eq(offers.title, offer.title))),
    () => db.insert(offers).values({ companyId: offer.companyId, title: offer.title, description: offer.description, createdAt: now }).returning({ id: offers.id }),
  );
  for (const email of offer.notificationEmails) await db.insert(notificationAddresses).values({ offerId, email }).onConflictDoNothing();
  return offerId;
}

/** Whether this address has applied for the offer. */
export async function hasApplied(db: Db, offerId: number, email: string): Promise<boolean> {
  const [existing] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .where(and(eq(applications.offerId, offerId), eq(candidates.email, email)));
  return existing !== undefined;
}
