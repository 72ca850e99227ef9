/** The development mailbox's reads: the outbox as it went out, and who may answer each email. */
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { admins, outbox } from "./schema";

export type OutboxRow = typeof outbox.$inferSelect;

export async function mailboxRows(db: Db, order: "newest" | "oldest"): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.hiddenInDevMailbox, false))
    .orderBy(order === "newest" ? desc(outbox.id) : asc(outbox.id));
}

export async function mailboxRow(db: Db, emailId: number): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, emailId)).limit(1);
  return row ?? null;
}

/** "Emptied": hidden there, with delivery state and threading kept. */
export async function hideMailbox(db: Db): Promise<void> {
  await db.update(outbox).set({ hiddenInDevMailbox: true }).where(eq(outbox.hiddenInDevMailbox, false));
}

/** Each company's admins' addresses (they may answer a company email from their own address). */
export async function adminAddresses(db: Db, companyIds: number[]): Promise<Map<number, string[]>> {
  if (companyIds.length === 0) return new Map();
  const rows = await db.select({ companyId: admins.companyId, email: admins.email }).from(admins).where(inArray(admins.companyId, companyIds));
  const byCompany = new Map<number, string[]>();
  for (const row of rows) byCompany.set(row.companyId, [...(byCompany.get(row.companyId) ?? []), row.email]);
  return byCompany;
}
