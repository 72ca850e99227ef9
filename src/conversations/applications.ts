import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, normalizeEmail, type Db } from "../db/client";
import { isGuardFailure } from "../db/guard";
import { applications, candidates, companies, offers } from "../db/schema";
import { system } from "../i18n/system";
import { publishApplicationUpdated } from "../live/fan-out";
import type { SignedInAdmin } from "../accounts/sessions";
import { DomainError } from "./errors";
import { postMessage } from "./post-message";

export interface NewCandidate {
  name: string;
  email: string;
}

/** Public apply: the cover letter (or a system line without one) opens the conversation and tells the company. */
export async function applyToOffer(env: Env, offerId: number, input: NewCandidate & { message?: string }): Promise<number> {
  const db = database(env.DB);
  const offer = await offerWithCompany(db, offerId);
  if (!offer) throw new DomainError("not_found", "This job offer does not exist.");
  const applicationId = await createApplication(db, offer, input, "applied");
  const letter = input.message?.trim();
  await postMessage(env, {
    applicationId,
    channel: "web",
    companyMail: "new_candidate",
    ...(letter
      ? { author: { kind: "candidate" }, body: letter }
      : { author: { kind: "system" }, body: system(offer.locale).applied(input.name.trim(), offer.title) }),
  });
  return applicationId;
}

/** Manual add by an admin; from here on the application behaves like any other. */
export async function addCandidate(env: Env, admin: SignedInAdmin, offerId: number, input: NewCandidate): Promise<number> {
  const db = database(env.DB);
  const offer = await offerWithCompany(db, offerId);
  if (!offer || offer.companyId !== admin.companyId) throw new DomainError("not_found", "This job offer does not exist.");
  const applicationId = await createApplication(db, offer, input, "manual");
  await postMessage(env, {
    applicationId,
    channel: "web",
    author: { kind: "system", byAdminId: admin.id },
    body: system(offer.locale).added(input.name.trim(), admin.name),
  });
  return applicationId;
}

/**
 * Reject or reopen; a system line records who did it, written in the same batch as the change, which fails unless
 * the status really changes: of parallel requests exactly one writes the line. Open screens learn it at once.
 */
export async function setApplicationStatus(
  env: Env,
  admin: SignedInAdmin,
  applicationId: number,
  status: "active" | "rejected",
): Promise<void> {
  const db = database(env.DB);
  const [row] = await db
    .select({ locale: companies.locale })
    .from(applications)
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .where(and(eq(applications.id, applicationId), eq(applications.companyId, admin.companyId)));
  if (!row) throw new DomainError("not_found", "This conversation does not exist.");
  const words = system(row.locale);
  try {
    await postMessage(env, {
      applicationId,
      channel: "web",
      author: { kind: "system", byAdminId: admin.id },
      body: status === "rejected" ? words.rejected(admin.name) : words.reopened(admin.name),
      statusChange: status,
    });
  } catch (error) {
    // The status was already so (the same click twice, or a colleague a moment earlier): nothing to do.
    if (isGuardFailure(error)) return;
    throw error;
  }
  await publishApplicationUpdated(env, { id: applicationId, status });
}

async function offerWithCompany(db: Db, offerId: number) {
  const [offer] = await db
    .select({ id: offers.id, title: offers.title, companyId: offers.companyId, locale: companies.locale })
    .from(offers)
    .innerJoin(companies, eq(companies.id, offers.companyId))
    .where(eq(offers.id, offerId));
  return offer;
}

async function createApplication(
  db: Db,
  offer: { id: number; companyId: number },
  input: NewCandidate,
  source: "applied" | "manual",
): Promise<number> {
  const now = Date.now();
  const email = normalizeEmail(input.email);
  const [candidate] = await db
    .insert(candidates)
    .values({ companyId: offer.companyId, name: input.name.trim(), email, createdAt: now })
    .onConflictDoUpdate({ target: [candidates.companyId, candidates.email], set: { email } })
    .returning({ id: candidates.id, name: candidates.name });
  // The unique (offer, candidate) index decides between parallel submissions: the first wins, the rest are told.
  const [created] = await db
    .insert(applications)
    .values({
      companyId: offer.companyId,
      offerId: offer.id,
      candidateId: candidate!.id,
      candidateName: candidate!.name,
      candidateEmail: email,
      source,
      lastActivityAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: applications.id });
  if (created) return created.id;
  const [existing] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.offerId, offer.id), eq(applications.candidateId, candidate!.id)));
  throw new DomainError("already_applied", "This candidate has already applied for this offer.", { applicationId: existing?.id });
}
