/**
 * A personal-data export (GDPR Art. 15): one JSON document of everything stored about a candidate at a company.
 * It is streamed: the document is written chunk by chunk while the long lists are read page by page, so its size
 * never has to fit in memory at once.
 */
import { database } from "../db/client";
import { attachmentsPage, exportHead, messagesPage, receivedEmailsPage, sentEmailsPage, subjectOf, type Audience, type Subject } from "../db/export";
import type { Env } from "../env";
import type { CandidateAccess } from "./candidate-access";
import { candidateLinkFor } from "./candidate-link";
import { DomainError } from "./errors";

const PAGE = 200;

export interface Export {
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/** The admin's export of the candidate of one of their company's conversations. */
export async function exportForAdmin(env: Env, companyId: number, applicationId: number, now = Date.now()): Promise<Export> {
  const subject = await subjectOf(database(env.DB), companyId, applicationId);
  if (!subject) throw new DomainError("not_found", "This conversation does not exist.");
  return exportOf(env, subject, "admin", now);
}

/** The candidate's own export, from their conversation link (all their applications at that company). */
export async function exportForCandidate(env: Env, access: CandidateAccess, now = Date.now()): Promise<Export> {
  return exportOf(env, { companyId: access.application.companyId, candidateId: access.candidate.id }, "candidate", now);
}

async function exportOf(env: Env, subject: Subject, audience: Audience, now: number): Promise<Export> {
  const db = database(env.DB);
  const head = await exportHead(db, subject);
  if (!head) throw new DomainError("not_found", "This conversation does not exist.");
  const base = env.APP_URL.replace(/\/$/, "");
  // The candidate's link of each application opens that application's files only.
  const links = new Map(await Promise.all(head.applications.map(async (a) => [a.id, (await candidateLinkFor(env, a)).token] as const)));
  const fileUrl = (file: { id: number; applicationId: number }) =>
    audience === "admin" ? `${base}/admin/attachments/${file.id}` : `${base}/c/${links.get(file.applicationId)}/attachments/${file.id}`;
  const email = head.person.email;

  async function* document(): AsyncGenerator<string> {
    const { company, ...person } = head!.person;
    yield `{"exportedAt":${JSON.stringify(new Date(now).toISOString())},"controller":${JSON.stringify(company)}`;
    yield `,"person":${JSON.stringify({ ...person, createdAt: iso(person.createdAt) })}`;
    const applications = head!.applications.map(({ linkVersion: _link, ...a }) => ({ ...a, createdAt: iso(a.createdAt), lastActivityAt: iso(a.lastActivityAt) }));
    yield `,"applications":${JSON.stringify(applications)}`;
    yield* list(
      "messages",
      (after) => messagesPage(db, subject, audience, after, PAGE),
      ({ authorKind, authorName, createdAt, alsoSentTo, ...m }) => ({
        ...m,
        author: { kind: authorKind, name: authorName },
        createdAt: iso(createdAt),
        // Like the thread: whom else an email went to is the team's to see.
        ...(audience === "admin" ? { alsoSentTo: JSON.parse(alsoSentTo) as string[] } : {}),
      }),
    );
    yield* list(
      "attachments",
      (after) => attachmentsPage(db, subject, audience, after, PAGE),
      (f) => ({ ...f, url: fileUrl(f) }),
    );
    yield* list(
      "emailsSent",
      (after) => sentEmailsPage(db, subject, email, after, PAGE),
      (e) => ({ ...e, createdAt: iso(e.createdAt), sentAt: e.sentAt ? iso(e.sentAt) : null }),
    );
    yield* list(
      "emailsReceived",
      (after) => receivedEmailsPage(db, subject, email, after, PAGE),
      (e) => ({ ...e, receivedAt: iso(e.receivedAt) }),
    );
    yield "}\n";
  }

  return { filename: `personal-data-${new Date(now).toISOString().slice(0, 10)}.json`, body: stream(document()) };
}

/** `,"name":[…]` with the rows of every page, one chunk per page. */
async function* list<T extends { id: number }>(name: string, page: (afterId: number) => Promise<T[]>, view: (row: T) => unknown): AsyncGenerator<string> {
  yield `,${JSON.stringify(name)}:[`;
  let after = 0;
  let first = true;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) {
      yield (first ? "" : ",") + rows.map((r) => JSON.stringify(view(r))).join(",");
      first = false;
      after = rows[rows.length - 1]!.id;
    }
    if (rows.length < PAGE) break;
  }
  yield "]";
}

function stream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
