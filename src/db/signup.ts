/** A new company with its first admin (address not yet confirmed) and the confirmation email, in one batch. */
import { sql } from "drizzle-orm";
import { rawBatch } from "./raw-batch";
import { admins, companies, outbox } from "./schema";

export interface NewCompany {
  companyName: string;
  locale: "cs" | "en";
  name: string;
  email: string;
  passwordHash: string;
  /** What the confirmation email says beyond the company (rendered when it is delivered). */
  payload: { name: string; token: string };
  now: number;
}

/**
 * Null when the address already has an account: the unique index on admins.email fails the batch, so the company
 * is not created either (of parallel sign-ups with one address, exactly one succeeds).
 */
export async function insertCompanyWithAdmin(d1: D1Database, c: NewCompany): Promise<{ adminId: number; companyId: number; outboxIds: number[] } | null> {
  try {
    const results = await rawBatch<{ id: number; companyId?: number }>(d1, [
      sql`INSERT INTO ${companies} (name, contact_email, locale, created_at, onboarding) VALUES (${c.companyName}, ${c.email}, ${c.locale}, ${c.now}, 1)`,
      sql`INSERT INTO ${admins} (company_id, email, name, password_hash, unread_count, email_confirmed_at, created_at)
        VALUES (last_insert_rowid(), ${c.email}, ${c.name}, ${c.passwordHash}, 0, NULL, ${c.now})`,
      sql`INSERT INTO ${outbox} (company_id, kind, recipient_kind, to_address, payload, next_attempt_at, created_at)
        SELECT company_id, 'signup_confirmation', 'person', email, ${JSON.stringify(c.payload)}, ${c.now}, ${c.now} FROM ${admins} WHERE email = ${c.email}
        RETURNING id`,
      sql`SELECT id, company_id AS companyId FROM ${admins} WHERE email = ${c.email}`,
    ]);
    const admin = results[3]?.[0];
    return admin ? { adminId: admin.id, companyId: admin.companyId!, outboxIds: (results[2] ?? []).map((r) => r.id) } : null;
  } catch (error) {
    if (/UNIQUE constraint failed: admins\.email/.test(`${String(error)} ${String((error as Error).cause ?? "")}`)) return null;
    throw error;
  }
}

/** Marks the address confirmed, once: "used" when it already was, "invalid" when no account has it. */
export async function confirmEmail(d1: D1Database, email: string, now: number): Promise<"confirmed" | "used" | "invalid"> {
  const [updated, existing] = await rawBatch(d1, [
    sql`UPDATE ${admins} SET email_confirmed_at = ${now} WHERE email = ${email} AND email_confirmed_at IS NULL RETURNING id`,
    sql`SELECT id FROM ${admins} WHERE email = ${email}`,
  ]);
  if ((updated?.length ?? 0) > 0) return "confirmed";
  return (existing?.length ?? 0) > 0 ? "used" : "invalid";
}
