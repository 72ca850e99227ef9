/**
 * Reading a delivery status notification (RFC 3464: multipart/report; report-type=delivery-status): did delivery
 * fail for good, why, and which of our emails it was (the Message-IDs in the returned headers). Pure. Which of
 * those ids are really ours is the database's to say; this only collects candidates.
 */
import type { ParsedEmail } from "./parse";

export interface DeliveryReport {
  /** "failed" (a permanent failure: Action failed or a 5.x.x status) or "delayed"/"delivered"/…: not a bounce. */
  failed: boolean;
  /** What the reporting server said, for people: the Diagnostic-Code, else the status. */
  reason: string;
  /** Message-IDs the report names: of the returned original first, then the report's own threading headers. */
  originalIds: string[];
  /** Who could not be reached (Final-Recipient / Original-Recipient), lower-cased; null when the report says not. */
  recipient: string | null;
}

/**
 * Whether a report may be believed at all: a real one comes from a mail system, sent with the empty envelope
 * sender (RFC 3464 §2) or as MAILER-DAEMON / postmaster. Anyone else's "bounce" (a candidate's forged report) is
 * only automatic mail.
 */
export function fromMailSystem(envelopeFrom: string, fromHeader: string | null): boolean {
  const envelope = envelopeFrom.trim().replace(/^<|>$/g, "");
  const local = (address: string | null) => (address ?? "").split("@")[0]?.toLowerCase() ?? "";
  return envelope === "" || ["mailer-daemon", "postmaster"].includes(local(envelope)) || ["mailer-daemon", "postmaster"].includes(local(fromHeader));
}

const MAX_REASON = 300;
const MAX_IDS = 10;

export function deliveryReport(email: ParsedEmail, raw: Uint8Array): DeliveryReport | null {
  const contentType = email.headers.find((h) => h.key === "content-type")?.value ?? "";
  if (!/^\s*multipart\/report\b/i.test(contentType) || !/report-type\s*=\s*"?delivery-status/i.test(contentType)) return plainBounce(email, raw);
  // The report's machine parts, decoded by postal-mime when encoded, and the raw source for those it keeps inline.
  const parts = email.attachments.filter((a) => /^(message\/|text\/rfc822-headers)/i.test(a.mimeType)).map((a) => textOf(a.content));
  const text = [...parts, new TextDecoder("latin1").decode(raw)].join("\n");
  const action = field(text, "Action")?.toLowerCase() ?? "";
  const status = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(text)?.[1] ?? "";
  const diagnostic = field(text, "Diagnostic-Code")?.replace(/^[a-z-]+;\s*/i, "");
  const failed = action === "failed" || (action === "" && status.startsWith("5"));
  const reason = (diagnostic || (status ? `Status ${status}` : "The receiving server refused the email.")).replace(/\s+/g, " ").slice(0, MAX_REASON);
  const originalIds = namedIds(email, text);
  const recipient =
    (field(text, "Final-Recipient") ?? field(text, "Original-Recipient"))
      ?.replace(/^[a-z0-9-]+;\s*/i, "")
      .replace(/^<|>$/g, "")
      .toLowerCase() ?? null;
  return { failed, reason, originalIds, recipient };
}

/** Subjects of the plain-text bounces some servers still send (Exim, qmail, older Postfix and Exchange). */
const PLAIN_BOUNCE_SUBJECT =
  /^(?:Mail delivery failed|Undeliver(?:ed|able)(?: Mail| message)?|Delivery Status Notification \(Failure\)|Delivery failure|failure notice|Returned mail|Nedoručitelné|Nedoručená|Nie można dostarczyć|Unzustellbar|Недоставленное)/i;
/** The lines of such a bounce that say why: an SMTP reply code, or a provider's words for "no such mailbox". */
const PLAIN_REASON = /^.*(?:\b5\d\d[ -]\d?\.?\d?\.?\d?.*|does not exist.*|no such (?:user|mailbox).*|user unknown.*|mailbox unavailable.*)$/im;

/**
 * A bounce without RFC 3464's structure: a text saying delivery failed, with the original (or its headers)
 * below. Only a permanent failure counts, and only one that names an email of ours (checked by the caller).
 */
function plainBounce(email: ParsedEmail, raw: Uint8Array): DeliveryReport | null {
  if (!PLAIN_BOUNCE_SUBJECT.test((email.subject ?? "").trim())) return null;
  const parts = email.attachments.filter((a) => /^(message\/|text\/)/i.test(a.mimeType)).map((a) => textOf(a.content));
  const text = [email.text ?? "", ...parts, new TextDecoder("latin1").decode(raw)].join("\n");
  if (/\b(?:delayed|will (?:retry|keep trying)|temporar(?:y|ily))\b/i.test(email.text ?? "") && !/\b5\d\d\b/.test(email.text ?? "")) return null;
  const reason = (PLAIN_REASON.exec(email.text ?? "")?.[0] ?? "The receiving server refused the email.").trim().replace(/\s+/g, " ").slice(0, MAX_REASON);
  const recipient = /^\s*<?([^\s<>@]+@[^\s<>@]+?)>?:?\s*$/m.exec(email.text ?? "")?.[1]?.toLowerCase() ?? null;
  return { failed: true, reason, originalIds: namedIds(email, text), recipient };
}

/** Message-IDs a report names: of the returned original first, then the report's own threading headers. */
function namedIds(email: ParsedEmail, text: string): string[] {
  const own = email.messageId?.trim();
  const returned = [...text.matchAll(/^(?:Original-Message-ID|X-Original-Message-ID|Message-ID):\s*(<[^<>\s]{1,498}>)/gim)].map((m) => m[1]!);
  const threading = `${email.inReplyTo ?? ""} ${email.references ?? ""}`.match(/<[^<>\s]{1,498}>/g) ?? [];
  return [...new Set([...returned, ...threading])].filter((id) => id !== own).slice(0, MAX_IDS);
}

/** A header-style field of the report (folded lines unfolded). */
function field(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, "im").exec(text);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, " ").trim() || undefined;
}

function textOf(content: ArrayBuffer | Uint8Array | string): string {
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}
