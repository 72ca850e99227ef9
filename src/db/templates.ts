/** A company's message templates; every query is scoped by company, so another company's template is not found. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { admins, applications, companies, offers, templates } from "./schema";

export type Template = Pick<typeof templates.$inferSelect, "id" | "name" | "body">;
const columns = { id: templates.id, name: templates.name, body: templates.body };

export async function listTemplates(db: Db, companyId: number): Promise<Template[]> {
  return db.select(columns).from(templates).where(eq(templates.companyId, companyId)).orderBy(asc(templates.name), asc(templates.id));
}

export async function templateOf(db: Db, companyId: number, templateId: number): Promise<Template | null> {
  const [row] = await db
    .select(columns)
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.companyId, companyId)));
  return row ?? null;
}

export async function insertTemplate(db: Db, companyId: number, input: { name: string; body: string }, now: number): Promise<Template> {
  const [row] = await db
    .insert(templates)
    .values({ companyId, ...input, createdAt: now, updatedAt: now })
    .returning(columns);
  return row!;
}

export async function updateTemplate(db: Db, companyId: number, templateId: number, input: { name?: string; body?: string }, now: number): Promise<Template | null> {
  const [row] = await db
    .update(templates)
    .set({ ...input, updatedAt: now })
    .where(and(eq(templates.id, templateId), eq(templates.companyId, companyId)))
    .returning(columns);
  return row ?? null;
}

export async function deleteTemplate(db: Db, companyId: number, templateId: number): Promise<boolean> {
  const deleted = await db
    .delete(templates)
    .where(and(eq(templates.id, templateId), eq(templates.companyId, companyId)))
    .returning({ id: templates.id });
  return deleted.length > 0;
}

/** What placeholders are filled with, for one admin writing in one of their company's conversations. */
export async function placeholderValues(db: Db, companyId: number, applicationId: number, adminId: number) {
  const [row] = await db
    .select({ candidateName: applications.candidateName, offerTitle: offers.title, companyName: companies.name, adminName: admins.name })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .innerJoin(admins, and(eq(admins.id, adminId), eq(admins.companyId, applications.companyId)))
    .where(and(eq(applications.id, applicationId), eq(applications.companyId, companyId)));
  return row ?? null;
}
