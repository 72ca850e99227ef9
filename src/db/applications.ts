/** Statements about an application: conditions a guard asserts, its status, and creating it with its candidate. */
import { sql, type SQL } from "drizzle-orm";
import { guard, isGuardFailure } from "./guard";
import { queueCandidateNotice } from "./outbox";
import { rawBatch } from "./raw-batch";
import type { IdRef } from "./message-writes";
import { admins, applications, candidates, offers, scheduledMessages } from "./schema";

/** The application exists (and, if asked, has this status / is of this admin's company). */
export function applicationIs(app: IdRef, opts: { status?: "active" | "rejected"; ofAdmin?: number }): SQL {
  const status = opts.status ? sql` AND status = ${opts.status}` : sql``;
  const company = opts.ofAdmin !== undefined ? sql` AND company_id = (SELECT company_id FROM ${admins} WHERE id = ${opts.ofAdmin})` : sql``;
  return sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${app}${status}${company})`;
}

/** Every one of these admins is of the application's company. */
export function adminsOfApplicationCompany(app: IdRef, adminIds: number[]): SQL {
  const ids = sql.join(
    adminIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`(SELECT count(*) FROM ${admins} WHERE id IN (${ids}) AND company_id = (SELECT company_id FROM ${applications} WHERE id = ${app})) = ${adminIds.length}`;
}

/**
 * Sets the status, only if it is another one now (else the batch fails). Rejecting also cancels what the team
 * planned to send later: a "see you Monday" must not reach a candidate who was turned down on Friday.
 */
export function statusChange(app: IdRef, status: "active" | "rejected"): SQL[] {
  const set = [guard(sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${app} AND status != ${status})`), sql`UPDATE ${applications} SET status = ${status} WHERE id = ${app}`];
  return status === "rejected" ? [...set, sql`UPDATE ${scheduledMessages} SET state = 'cancelled' WHERE application_id = ${app} AND state = 'pending'`] : set;
}

export interface NewApplication {
  companyId: number;
  offerId: number;
  name: string;
  email: string;
  source: "applied" | "manual";
  now: number;
}

/**
 * The candidate (found by address, or created) and their application, for the batch that also stores its first
 * message. The unique (offer, candidate) index decides between parallel submissions: the guard right after the
 * insert fails the batch unless this one created the row. Returns the statements and a reference to the new id.
 */
export function createApplication(a: NewApplication): { statements: SQL[]; applicationId: SQL } {
  const candidateId = sql`(SELECT id FROM ${candidates} WHERE company_id = ${a.companyId} AND email = ${a.email})`;
  return {
    statements: [
      // Applying needs an open offer (checked in the transaction: a closing that lands first wins); an admin may
      // still add a candidate to a closed one.
      ...(a.source === "applied" ? [guard(sql`EXISTS (SELECT 1 FROM ${offers} WHERE id = ${a.offerId} AND status = 'open')`)] : []),
      sql`INSERT INTO ${candidates} (company_id, name, email, created_at) VALUES (${a.companyId}, ${a.name}, ${a.email}, ${a.now})
        ON CONFLICT (company_id, email) DO NOTHING`,
      sql`INSERT INTO ${applications} (company_id, offer_id, candidate_id, candidate_name, candidate_email, source, last_activity_at, created_at)
        SELECT ${a.companyId}, ${a.offerId}, id, name, email, ${a.source}, ${a.now}, ${a.now} FROM ${candidates} WHERE id = ${candidateId}
        ON CONFLICT (offer_id, candidate_id) DO NOTHING`,
      guard(sql`changes() = 1`),
    ],
    applicationId: sql`(SELECT id FROM ${applications} WHERE offer_id = ${a.offerId} AND candidate_id = ${candidateId})`,
  };
}

/**
 * A new candidate link: bumping link_version makes every older link answer 404, and the new one is emailed to the
 * candidate (rendered at delivery, so it carries the version then). Null when the application is not the company's.
 */
export async function renewCandidateLink(d1: D1Database, companyId: number, applicationId: number, now: number): Promise<{ linkVersion: number; outboxIds: number[] } | null> {
  try {
    const results = await rawBatch<{ id: number; linkVersion: number }>(d1, [
      sql`UPDATE ${applications} SET link_version = link_version + 1 WHERE id = ${applicationId} AND company_id = ${companyId} RETURNING link_version AS linkVersion`,
      guard(sql`changes() = 1`),
      queueCandidateNotice(applicationId, "new_link", sql`'{}'`, now),
    ]);
    return { linkVersion: results[0]![0]!.linkVersion, outboxIds: results[2]!.map((r) => r.id) };
  } catch (error) {
    if (isGuardFailure(error)) return null;
    throw error;
  }
}
