import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database } from "../db/client";
import { applications, candidates, companies, offers } from "../db/schema";
import { readCandidateToken } from "./candidate-link";

export type CandidateAccess = NonNullable<Awaited<ReturnType<typeof candidateAccess>>>;

/** What a candidate link opens, or null for a forged, malformed or revoked link. */
export async function candidateAccess(env: Env, token: string) {
  const claims = await readCandidateToken(env.LINK_SECRET, token);
  if (!claims) return null;
  const [row] = await database(env.DB)
    .select({
      applicationId: applications.id,
      status: applications.status,
      linkVersion: applications.linkVersion,
      candidate: { name: candidates.name, email: candidates.email },
      offer: { id: offers.id, title: offers.title },
      company: { id: companies.id, name: companies.name, contactEmail: companies.contactEmail, locale: companies.locale },
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .where(eq(applications.id, claims.applicationId));
  if (!row || row.linkVersion !== claims.linkVersion) return null;
  return row;
}
