/**
 * What each kind of outgoing email says, in the company's locale. The wording lives in
 * src/i18n/{cs,en}/email.ts; this file decides which pieces each email has and in what order.
 */
import type { Locale, SkippedFile } from "../conversations/types";
import { pageText } from "../i18n/pages";
import { email as cs } from "../i18n/cs/email";
import { email as en } from "../i18n/en/email";
import { fixed, renderHtml, renderText, type Block, type Phrase } from "./layout";

export type EmailKind =
  | "candidate_message"
  | "new_candidate"
  | "new_message"
  | "rejected_notice"
  | "nothing_found"
  | "invitation"
  | "application_received"
  | "mention"
  | "signup_confirmation"
  | "new_link"
  | "erasure_confirmation"
  | "erasure_declined"
  | "webhook_disabled";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The names every email about one application mentions; they make its stable subject. */
export interface ThreadNames {
  offerTitle: string;
  companyName: string;
  candidateName: string;
}

export interface PrivacyNotice {
  contactEmail: string;
  retentionDays: number;
}

export interface QuotedMessage {
  authorName: string;
  body: string;
  createdAt: number; // epoch ms
}

/** A file of the message, with the address the recipient downloads it at. */
export interface FileLink {
  filename: string;
  url: string;
  size: number;
}

export type EmailContent =
  | {
      kind: "candidate_message";
      thread: ThreadNames;
      token: string;
      authorName: string;
      body: string;
      history: QuotedMessage[];
      files?: FileLink[];
      /** The notice at collection (GDPR Art. 13), for the first email to a candidate the company added by hand. */
      privacyNotice?: PrivacyNotice;
    }
  | { kind: "new_candidate"; thread: ThreadNames; applicationId: number; candidateEmail: string; coverLetter?: string; files?: FileLink[] }
  | { kind: "new_message"; thread: ThreadNames; applicationId: number; authorName: string; body: string; skippedFiles?: SkippedFile[]; files?: FileLink[] }
  /** To an admin mentioned in a note; a reply adds a note, never a message to the candidate. */
  | { kind: "mention"; thread: ThreadNames; applicationId: number; authorName: string; body: string }
  | { kind: "rejected_notice"; thread: ThreadNames; token: string; contactEmail: string }
  /** To a candidate who applied through the public form: it arrived, and where the conversation is. */
  | { kind: "application_received"; thread: ThreadNames; token: string; coverLetter?: string }
  /** To whoever sent a reply with nothing new in it: the candidate (token) or a company address (applicationId). */
  | { kind: "nothing_found"; thread: ThreadNames; to: { kind: "candidate"; token: string } | { kind: "company"; applicationId: number } }
  | { kind: "invitation"; inviterName: string; companyName: string; token: string; expiresAt?: number }
  | { kind: "signup_confirmation"; name: string; companyName: string; token: string }
  /** To the candidate: the admins revoked the old conversation link; `token` is the new one. */
  | { kind: "new_link"; thread: ThreadNames; token: string }
  /** To the candidate's address: confirm that the erasure request came from them. */
  | { kind: "erasure_confirmation"; thread: ThreadNames; confirmToken: string }
  | { kind: "erasure_declined"; thread: ThreadNames; token: string; reason: string }
  /** To each admin: a webhook failed DISABLE_AFTER_FAILURES deliveries in a row and was disabled. */
  | { kind: "webhook_disabled"; url: string; failures: number };

/** At most this many earlier messages are quoted under a new one. */
export const HISTORY_LIMIT = 3;
/** Longer quoted bodies are cut: the link shows the whole conversation. */
const QUOTED_BODY_LIMIT = 1500;
/** Companies have no time zone of their own yet; the product serves Czech companies. */
const DEFAULT_TIME_ZONE = "Europe/Prague";

const dictionaries = { cs, en };

export const candidateConversationUrl = (appUrl: string, token: string) => `${trimSlash(appUrl)}/c/${encodeURIComponent(token)}`;
export const adminApplicationUrl = (appUrl: string, applicationId: number) => `${trimSlash(appUrl)}/admin/applications/${applicationId}`;
export const confirmationUrl = (appUrl: string, token: string) => `${trimSlash(appUrl)}/signup/confirm?token=${encodeURIComponent(token)}`;
export const erasureConfirmationUrl = (appUrl: string, token: string) => `${trimSlash(appUrl)}/erasure/confirm?token=${encodeURIComponent(token)}`;
export const integrationsUrl = (appUrl: string) => `${trimSlash(appUrl)}/admin/settings/integrations`;
export const invitationUrl = (appUrl: string, token: string) => `${trimSlash(appUrl)}/invite/${encodeURIComponent(token)}`;

/** The subject of every email about an application: one per side, stable so clients thread them. */
export function threadSubject(locale: Locale, side: "candidate" | "company", thread: ThreadNames): string {
  const t = dictionaries[locale];
  return side === "candidate" ? t.candidateSubject(thread.offerTitle, thread.companyName) : t.companySubject(thread.candidateName, thread.offerTitle);
}

/** `timeZone`: the company's, in which the email writes times. */
export function renderEmail(locale: Locale, appUrl: string, content: EmailContent, timeZone = DEFAULT_TIME_ZONE): RenderedEmail {
  const t = dictionaries[locale];
  const { subject, blocks } = compose(locale, appUrl, content, timeZone);
  return { subject, text: renderText(blocks), html: renderHtml(blocks, t.htmlLang) };
}

function compose(locale: Locale, appUrl: string, c: EmailContent, timeZone: string): { subject: string; blocks: Block[] } {
  const t = dictionaries[locale];
  const greeting: Block = { kind: "paragraph", text: fixed(t.greeting) };
  const automatic: Block = { kind: "footnote", text: fixed(t.automatic) };
  switch (c.kind) {
    case "candidate_message": {
      const { offerTitle: offer, companyName: company } = c.thread;
      const history = c.history.slice(-HISTORY_LIMIT).map((m) => ({
        heading: ((v) => t.historyEntry(v(m.authorName), formatDate(locale, m.createdAt, timeZone))) satisfies Phrase,
        body: m.body.length > QUOTED_BODY_LIMIT ? `${m.body.slice(0, QUOTED_BODY_LIMIT)}…` : m.body,
      }));
      return {
        subject: threadSubject(locale, "candidate", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.candidateMessage.intro(v(offer), v(company)) },
          { kind: "message", heading: (v) => t.candidateMessage.from(v(c.authorName), v(company)), body: c.body },
          ...filesBlock(t, c.files),
          { kind: "link", label: fixed(t.candidateMessage.replyHint), url: candidateConversationUrl(appUrl, c.token) },
          ...(history.length > 0 ? [{ kind: "history", heading: fixed(t.historyHeading), entries: history } as const] : []),
          ...(c.privacyNotice ? [noticeBlock(locale, company, c.privacyNotice)] : []),
        ],
      };
    }
    case "new_candidate":
      return {
        subject: threadSubject(locale, "company", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.newCandidate.intro(v(c.thread.offerTitle)) },
          { kind: "paragraph", text: (v) => t.newCandidate.candidate(v(c.thread.candidateName), v(c.candidateEmail)) },
          c.coverLetter?.trim()
            ? { kind: "message", heading: fixed(t.newCandidate.coverLetter), body: c.coverLetter.trim() }
            : { kind: "paragraph", text: fixed(t.newCandidate.noCoverLetter) },
          ...filesBlock(t, c.files),
          { kind: "link", label: fixed(t.newCandidate.link), url: adminApplicationUrl(appUrl, c.applicationId) },
          { kind: "paragraph", text: fixed(t.newCandidate.replyHint) },
        ],
      };
    case "new_message":
      return {
        subject: threadSubject(locale, "company", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.newMessage.intro(v(c.thread.candidateName), v(c.thread.offerTitle)) },
          { kind: "message", heading: (v) => t.newMessage.from(v(c.authorName)), body: c.body },
          ...filesBlock(t, c.files),
          ...(c.skippedFiles ?? []).map((f): Block => ({ kind: "paragraph", text: (v) => pageText(locale).skipped[f.reason].replace("{filename}", v(f.filename)) })),
          { kind: "link", label: fixed(t.newMessage.link), url: adminApplicationUrl(appUrl, c.applicationId) },
          { kind: "paragraph", text: fixed(t.newMessage.replyHint) },
        ],
      };
    case "mention":
      return {
        subject: threadSubject(locale, "company", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.mention.intro(v(c.authorName), v(c.thread.candidateName), v(c.thread.offerTitle)) },
          { kind: "message", heading: (v) => t.mention.from(v(c.authorName)), body: c.body },
          { kind: "link", label: fixed(t.newMessage.link), url: adminApplicationUrl(appUrl, c.applicationId) },
          { kind: "paragraph", text: fixed(t.mention.replyHint) },
        ],
      };
    case "application_received":
      return {
        subject: threadSubject(locale, "candidate", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.applicationReceived.body(v(c.thread.offerTitle), v(c.thread.companyName)) },
          ...(c.coverLetter?.trim() ? [{ kind: "message", heading: fixed(t.applicationReceived.coverLetter), body: c.coverLetter.trim() } as const] : []),
          { kind: "link", label: fixed(t.applicationReceived.link), url: candidateConversationUrl(appUrl, c.token) },
          { kind: "paragraph", text: fixed(t.applicationReceived.replyHint) },
        ],
      };
    case "rejected_notice":
      return {
        subject: threadSubject(locale, "candidate", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.rejectedNotice.body(v(c.thread.offerTitle), v(c.thread.companyName)) },
          { kind: "paragraph", text: (v) => t.rejectedNotice.contact(v(c.contactEmail)) },
          { kind: "link", label: fixed(t.rejectedNotice.link), url: candidateConversationUrl(appUrl, c.token) },
          automatic,
        ],
      };
    case "nothing_found": {
      const toCandidate = c.to.kind === "candidate";
      const url = c.to.kind === "candidate" ? candidateConversationUrl(appUrl, c.to.token) : adminApplicationUrl(appUrl, c.to.applicationId);
      return {
        subject: threadSubject(locale, toCandidate ? "candidate" : "company", c.thread),
        blocks: [greeting, { kind: "paragraph", text: fixed(t.nothingFound.body) }, { kind: "link", label: fixed(t.nothingFound.hint), url }, automatic],
      };
    }
    case "invitation":
      return {
        subject: t.invitation.subject(c.inviterName, c.companyName),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.invitation.body(v(c.inviterName), v(c.companyName)) },
          { kind: "link", label: fixed(t.invitation.link), url: invitationUrl(appUrl, c.token) },
          ...(c.expiresAt ? [{ kind: "paragraph", text: fixed(t.invitation.expires(formatDate(locale, c.expiresAt, timeZone))) } as const] : []),
          { kind: "footnote", text: fixed(t.invitation.ignore) },
        ],
      };
    case "new_link":
      return {
        subject: threadSubject(locale, "candidate", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.newLink.body(v(c.thread.offerTitle), v(c.thread.companyName)) },
          { kind: "link", label: fixed(t.newLink.link), url: candidateConversationUrl(appUrl, c.token) },
        ],
      };
    case "erasure_confirmation":
      return {
        // A subject of its own: it asks for an action, and must not hide in the conversation's thread.
        subject: t.erasureConfirmation.subject(c.thread.companyName),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.erasureConfirmation.body(v(c.thread.companyName)) },
          { kind: "link", label: fixed(t.erasureConfirmation.link), url: erasureConfirmationUrl(appUrl, c.confirmToken) },
          { kind: "footnote", text: fixed(t.erasureConfirmation.ignore) },
        ],
      };
    case "erasure_declined":
      return {
        subject: threadSubject(locale, "candidate", c.thread),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.erasureDeclined.body(v(c.thread.companyName)) },
          { kind: "message", heading: fixed(t.erasureDeclined.reasonHeading), body: c.reason },
          { kind: "link", label: fixed(t.erasureDeclined.link), url: candidateConversationUrl(appUrl, c.token) },
        ],
      };
    case "signup_confirmation":
      return {
        subject: t.signupConfirmation.subject(c.companyName),
        blocks: [
          { kind: "paragraph", text: (v) => t.signupConfirmation.greeting(v(c.name)) },
          { kind: "paragraph", text: (v) => t.signupConfirmation.body(v(c.companyName)) },
          { kind: "link", label: fixed(t.signupConfirmation.link), url: confirmationUrl(appUrl, c.token) },
          { kind: "footnote", text: fixed(t.signupConfirmation.ignore) },
        ],
      };
    case "webhook_disabled":
      return {
        subject: t.webhookDisabled.subject(c.url),
        blocks: [
          greeting,
          { kind: "paragraph", text: (v) => t.webhookDisabled.body(v(c.url), c.failures) },
          { kind: "link", label: fixed(t.webhookDisabled.fix), url: integrationsUrl(appUrl) },
          automatic,
        ],
      };
  }
}

function filesBlock(t: (typeof dictionaries)[Locale], files: FileLink[] | undefined): Block[] {
  return files && files.length > 0 ? [{ kind: "files", heading: fixed(t.filesHeading), files }] : [];
}

function noticeBlock(locale: Locale, company: string, notice: PrivacyNotice): Block {
  return { kind: "footnote", text: (v) => pageText(locale).personalData.notice(v(company), v(notice.contactEmail), notice.retentionDays) };
}

function formatDate(locale: Locale, epochMs: number, timeZone: string): string {
  const format = new Intl.DateTimeFormat(dictionaries[locale].dateLocale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return format.format(new Date(epochMs));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
