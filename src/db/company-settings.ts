import { eq } from "drizzle-orm";
import { normalizeEmail, type Db } from "./client";
import { companies } from "./schema";
import type { Locale } from "../conversations/types";

export interface CompanySettings {
  contactEmail: string;
  locale: Locale;
}

/** The company's public contact (shown to rejected candidates) and the language candidates are addressed in. */
export async function updateCompanySettings(db: Db, companyId: number, settings: CompanySettings): Promise<void> {
  await db
    .update(companies)
    .set({ contactEmail: normalizeEmail(settings.contactEmail), locale: settings.locale })
    .where(eq(companies.id, companyId));
}
