import { env } from "cloudflare:test";
import { database } from "../../src/db/client";
import { applications, candidates, companies, messages, offers } from "../../src/db/schema";

let unique = 0;

/** A company of its own with an offer and one candidate's application, written straight to D1 (tests of src/db). */
export async function newApplication(opts: { locale?: "cs" | "en"; candidateName?: string; offerTitle?: string } = {}) {
  const db = database(env.DB);
  const n = `${Date.now()}-${++unique}`;
  const now = Date.now();
  const [company] = await db
    .insert(companies)
    .values({ name: `Company ${n}`, contactEmail: `jobs-${n}@company.example`, locale: opts.locale ?? "en", createdAt: now })
    .returning();
  const [offer] = await db
    .insert(offers)
    .values({ companyId: company!.id, title: opts.offerTitle ?? "Engineer", createdAt: now })
    .returning();
  const name = opts.candidateName ?? "Vera";
  const [candidate] = await db
    .insert(candidates)
    .values({ companyId: company!.id, name, email: `candidate-${n}@example.net`, createdAt: now })
    .returning();
  const [application] = await db
    .insert(applications)
    .values({
      companyId: company!.id,
      offerId: offer!.id,
      candidateId: candidate!.id,
      candidateName: name,
      candidateEmail: candidate!.email,
      source: "applied",
      lastActivityAt: now,
      createdAt: now,
    })
    .returning();
  return { companyId: company!.id, offerId: offer!.id, applicationId: application!.id };
}

/** A message stored straight to D1, without the domain's notifications or emails (a candidate's unless told). */
export async function storeMessage(at: { applicationId: number; companyId: number }, fields: Partial<typeof messages.$inferInsert> = {}) {
  const [row] = await database(env.DB)
    .insert(messages)
    .values({ uid: crypto.randomUUID(), ...at, authorKind: "candidate", authorName: "Řehoř", channel: "web", body: "hi", createdAt: Date.now(), ...fields })
    .returning();
  return row!;
}
