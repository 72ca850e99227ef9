import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { admins, applications, candidates, companies, notificationAddresses, offers } from "./schema";
import type { Locale } from "../conversations/types";

/** Everything the domain needs to decide about and announce a message in one application's conversation. */
export interface ConversationContext {
  application: { id: number; companyId: number; status: "active" | "rejected"; source: "applied" | "manual"; linkVersion: number };
  candidate: { id: number; name: string; email: string };
  offer: { id: number; title: string };
  company: { id: number; name: string; contactEmail: string; locale: Locale };
  notificationAddresses: { id: number; email: string }[];
  admins: { id: number; name: string; email: string }[];
}

// Not company-scoped on purpose: callers reach it only after proving access (session company, candidate token or
// routing HMAC), and each of them compares companyId themselves.
export async function loadConversationContext(db: Db, applicationId: number): Promise<ConversationContext | null> {
  const [head] = await db
    .select({
      application: {
        id: applications.id,
        companyId: applications.companyId,
        status: applications.status,
        source: applications.source,
        linkVersion: applications.linkVersion,
      },
      candidate: { id: candidates.id, name: candidates.name, email: candidates.email },
      offer: { id: offers.id, title: offers.title },
      company: { id: companies.id, name: companies.name, contactEmail: companies.contactEmail, locale: companies.locale },
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (!head) return null;
  const [addressRows, adminRows] = await db.batch([
    db
      .select({ id: notificationAddresses.id, email: notificationAddresses.email })
      .from(notificationAddresses)
      .where(eq(notificationAddresses.offerId, head.offer.id)),
    db.select({ id: admins.id, name: admins.name, email: admins.email }).from(admins).where(eq(admins.companyId, head.company.id)),
  ]);
  return { ...head, notificationAddresses: addressRows, admins: adminRows };
}
