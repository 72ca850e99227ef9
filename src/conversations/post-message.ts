import type { Env } from "../env";
import { database } from "../db/client";
import { loadApplicationHead } from "../db/conversation-context";
import { messageView } from "../db/message-views";
import { writeMessage, type IdRef, type MessageWrite, type Statement, type WrittenMessage } from "../db/message-writes";
import { adminsOfApplicationCompany, statusChange as statusChangeStatements, applicationIs } from "../db/applications";
import { companyScope } from "../db/company-scope";
import { sendingScheduled } from "../db/scheduled-messages";
import { adminCompany, sessionIsValid, sessionStillValid } from "../db/sessions";
import { DomainError, MAX_BODY_LENGTH } from "./errors";
import { withStoredFiles, type IncomingFile } from "./files";
import { emailsQueued, type DomainEvent, type Outcome } from "./events";
import { cleanText, isBlank } from "./text";
import type { MessageView, SkippedFile } from "./types";

export type Author =
  | { kind: "candidate" }
  /** `session`: the token hash the admin signed in with; the write only happens while that session is valid. */
  | { kind: "admin"; adminId: number; session?: string }
  /** Someone writing from one of the offer's notification addresses. */
  | { kind: "company"; email: string }
  /** Events in the conversation (applied, added, rejected, reopened), worded by the caller; `byAdminId` did it. */
  | { kind: "system"; byAdminId?: number };

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  r2Key: string;
}

export interface PostMessageInput {
  applicationId: number;
  author: Author;
  channel: "web" | "email";
  body: string;
  /** The full email text before quote stripping. */
  originalBody?: string;
  /** For emailed messages: whom else the writer sent it to (To and Cc, not ours nor theirs); admins see it. */
  alsoSentTo?: string[];
  /** Files with the message; stored in R2 before its batch (and removed again if the batch writes nothing). */
  files?: (IncomingFile | NewAttachment)[];
  /** The scheduled message this posts: marked sent in the same batch, which fails if it no longer waits. */
  scheduledId?: number;
  /** Files that came with an email but were not kept. */
  skippedFiles?: SkippedFile[];
  /** The status this message's line records: set in the same batch, which fails if it is already so. */
  statusChange?: "active" | "rejected";
  /** Which email the company's notification addresses get: a cover letter announces a new candidate. */
  companyMail?: "new_message" | "new_candidate";
  /** The candidate is told their application arrived (a public application's first message). */
  confirmToCandidate?: boolean;
  /** "internal": the team's own (a note, a line about what an admin did); the candidate never sees, gets or is quoted it. */
  visibility?: "all" | "internal";
  /** Admins of the company a note mentions: each gets a "mention" notification and an email. */
  mentions?: number[];
  /** The channel's own record of this message (an inbound email's log row), committed in its batch. */
  recordedBy?: (message: Statement) => Statement[];
}

/**
 * The one way in: every message, from any channel, is checked and stored here, in one D1 batch with its
 * notifications, read state and outbox rows. Nothing is read before it: what must hold (the application is the
 * admin's company's, the candidate may still write, the session is valid) is asserted inside the batch, and only
 * a refusal looks up why. Returns the message and what happened, for the caller's after-commit step.
 */
export async function postMessage(env: Env, input: PostMessageInput, now = Date.now()): Promise<Outcome<MessageView>> {
  messageWrite(input, input.applicationId, now, [], []); // refuses an empty or over-long message before any upload
  const written = await withStoredFiles(env, input.files ?? [], (attachments) =>
    writeMessage(env.DB, messageWrite(input, input.applicationId, now, [], attachments)).catch(async (error: unknown) => {
      throw (await whyRefused(env, input, now)) ?? error;
    }),
  );
  return postedOutcome(written);
}

/** The batch that stores a message; `applicationId` may be a reference to an application the batch creates. */
export function messageWrite(input: Omit<PostMessageInput, "applicationId">, applicationId: IdRef, now: number, before: Statement[], attachments: NewAttachment[]): MessageWrite {
  const text = cleanText(input.body).trim();
  const body = isBlank(text) ? "" : text;
  const skippedFiles = input.skippedFiles ?? [];
  if (body.length === 0 && (input.files?.length ?? 0) + skippedFiles.length === 0) throw new DomainError("empty_message", "The message is empty.");
  if (body.length > MAX_BODY_LENGTH) throw new DomainError("message_too_long", `A message may have at most ${MAX_BODY_LENGTH} characters.`);

  const { author } = input;
  const requires: Statement[] = [applicationIs(applicationId, {})];
  if (author.kind === "candidate") requires.push(applicationIs(applicationId, { status: "active" }));
  if (author.kind === "admin") {
    requires.push(applicationIs(applicationId, { ofAdmin: author.adminId }));
    if (author.session) requires.push(sessionIsValid(author.session, author.adminId, now));
  }
  const scheduled = input.scheduledId !== undefined ? sendingScheduled(input.scheduledId) : null;
  const companyMail = input.companyMail ?? (author.kind === "candidate" ? "new_message" : null);
  const visibility = input.visibility ?? "all";
  // Nobody is told of their own note.
  const mentions = [...new Set(input.mentions ?? [])].filter((id) => author.kind !== "admin" || id !== author.adminId);
  if (mentions.length > 0) requires.push(adminsOfApplicationCompany(applicationId, mentions));
  return {
    applicationId,
    author: author.kind === "system" ? { kind: "system", byAdminId: author.byAdminId ?? null } : author.kind === "admin" ? { kind: "admin", adminId: author.adminId } : author,
    channel: input.channel,
    body,
    originalBody: input.originalBody ?? null,
    skippedFiles: JSON.stringify(skippedFiles),
    alsoSentTo: JSON.stringify(input.alsoSentTo ?? []),
    files: attachments,
    visibility,
    mentions,
    mail: [
      ...(visibility === "all" && (author.kind === "admin" || author.kind === "company") ? [{ to: "candidate" as const, kind: "candidate_message" as const }] : []),
      ...(companyMail ? [{ to: "company" as const, kind: companyMail }] : []),
      ...(input.confirmToCandidate ? [{ to: "candidate" as const, kind: "application_received" as const }] : []),
    ],
    requires,
    before: [...before, ...(input.statusChange ? statusChangeStatements(applicationId, input.statusChange) : []), ...(scheduled?.before ?? [])],
    after: (message) => [...(scheduled?.after(message) ?? []), ...(input.recordedBy?.(message) ?? [])],
    now,
  };
}

/** The message as admins see it, and the events of its commit. */
export function postedOutcome(written: WrittenMessage): Outcome<MessageView> {
  const message = messageView(written.message, written.files);
  const outboxIds = written.outboxIds;
  if (outboxIds.length > 0) message.delivery = { state: "pending" };
  const events: DomainEvent[] = [
    { type: "message.posted", application: written.application, message, notifications: written.notifications },
    ...emailsQueued({ applicationId: written.application.id }, outboxIds),
  ];
  return { result: message, events };
}

/**
 * Why a message's batch was refused, worked out only now that it was: the session ended, the conversation is not
 * the writer's, or the candidate may no longer write. Null when none of these explains it (a status that was
 * already so, or a real failure): the caller gets the original error.
 */
async function whyRefused(env: Env, input: PostMessageInput, now: number): Promise<DomainError | null> {
  const { author } = input;
  if (author.kind === "admin" && author.session && !(await sessionStillValid(database(env.DB), author.session, author.adminId, now))) {
    return new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  }
  const head = await loadApplicationHead(database(env.DB), input.applicationId);
  if (!head) return new DomainError("not_found", "This conversation does not exist.");
  if (author.kind === "admin" && (await adminCompany(database(env.DB), author.adminId)) !== head.application.companyId) {
    return new DomainError("not_found", "This conversation does not exist.");
  }
  if (author.kind === "candidate" && head.application.status === "rejected") return applicationRejected(head.company.contactEmail);
  const mentions = input.mentions ?? [];
  if (mentions.length > 0) {
    const team = new Set((await companyScope(database(env.DB), head.application.companyId).admins()).map((a) => a.id));
    if (mentions.some((id) => !team.has(id))) return unknownAdmin();
  }
  return null;
}

export function unknownAdmin(): DomainError {
  return new DomainError("unknown_admin", "Mention or assign only admins of this company.");
}

export function applicationRejected(contactEmail: string): DomainError {
  return new DomainError("application_rejected", "This application is closed; the candidate can no longer write.", { contactEmail });
}
