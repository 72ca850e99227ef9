import { eq } from "drizzle-orm";
import { normalizeEmail, type Db } from "./client";
import { companies } from "./schema";
import type { Locale } from "../conversations/types";

export interface CompanySettings {
  contactEmail: string;
  locale: Locale;
  timeZone: string;
  retentionDays: number;
}

/** The company's public contact (shown to rejected candidates), the candidates' language, its time zone and retention. */
export async function updateCompanySettings(db: Db, companyId: number, settings: Partial<CompanySettings>): Promise<void> {
  const { contactEmail, ...rest } = settings;
  const values = contactEmail === undefined ? rest : { ...rest, contactEmail: normalizeEmail(contactEmail) };
  if (Object.keys(values).length === 0) return;
  await db
    .update(companies)
    .set({ ...values, settingsSavedAt: Date.now() })
    .where(eq(companies.id, companyId));
}

/** The company no longer wants the first-steps card in its inbox. */
export async function endOnboarding(db: Db, companyId: number): Promise<void> {
  await db.update(companies).set({ onboarding: false }).where(eq(companies.id, companyId));
}
