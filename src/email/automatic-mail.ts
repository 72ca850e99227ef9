/**
 * Is an inbound email written by a machine (auto-reply, bounce, mailing list)? Such mail is never
 * stored as a message and never answered: answering an auto-responder starts a mail loop.
 * Each rule returns a named reason so the inbound log says why the email was dropped.
 */

export interface InboundMailFacts {
  /** postal-mime's `email.headers`: keys lower-case, values unfolded. */
  headers: { key: string; value: string }[];
  envelopeFrom: string;
  subject: string;
  /** The top-level Content-Type, if not among the headers. */
  contentType?: string;
}

export type AutomaticMailReason =
  | "auto_submitted"
  | "x_autoreply"
  | "x_autorespond"
  | "precedence_bulk"
  | "list_id"
  | "empty_return_path"
  | "delivery_report"
  | "failed_recipients"
  | "mailer_daemon"
  | "out_of_office_subject";

/** Subject starts of out-of-office replies (cs, sk, en, de clients); compared without case or diacritics. */
const OUT_OF_OFFICE_SUBJECTS = [
  "Automatická odpověď", // cs; folds to the same text as sk "Automatická odpoveď"
  "Nepřítomnost", // cs; folds to the same text as sk "Neprítomnosť"
  "Mimo kancelář", // cs
  "Mimo kanceláriu", // sk
  "Out of Office", // also Lotus Notes' "Out of Office AutoReply"
  "Out of the office",
  "Automatic reply", // Outlook en
  "Auto reply",
  "Auto-reply",
  "Autoreply",
  "Abwesenheitsnotiz", // Outlook de
  "Automatische Antwort",
].map(fold);

export function automaticMailReason(mail: InboundMailFacts): AutomaticMailReason | null {
  const header = (name: string) => mail.headers.find((h) => h.key === name)?.value.trim();

  const autoSubmitted = header("auto-submitted")?.toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return "auto_submitted";
  if (header("x-autoreply") !== undefined) return "x_autoreply";
  if (header("x-autorespond") !== undefined) return "x_autorespond";
  if (/^(bulk|junk|list|auto_reply)$/i.test(header("precedence") ?? "")) return "precedence_bulk";
  if (header("list-id") !== undefined) return "list_id";
  if (header("return-path")?.replace(/\s/g, "") === "<>") return "empty_return_path";
  const contentType = mail.contentType ?? header("content-type") ?? "";
  if (/^\s*multipart\/report\b/i.test(contentType)) return "delivery_report";
  if (header("x-failed-recipients") !== undefined) return "failed_recipients";
  if (/^(mailer-daemon|postmaster)$/i.test(localPart(mail.envelopeFrom))) return "mailer_daemon";
  if (isOutOfOfficeSubject(mail.subject)) return "out_of_office_subject";
  return null;
}

function localPart(address: string): string {
  const bare = address.trim().replace(/^.*<|>.*$/g, "");
  return bare.slice(0, bare.lastIndexOf("@") < 0 ? bare.length : bare.lastIndexOf("@"));
}

/** Out-of-office subjects start with the phrase, often after "Re:"/"AW:" and before a colon. */
function isOutOfOfficeSubject(subject: string): boolean {
  const folded = fold(subject).replace(/^\s*((re|aw|odp|fw|fwd|wg)\s*:\s*)*/, "");
  return OUT_OF_OFFICE_SUBJECTS.some((phrase) => folded.startsWith(phrase));
}

/** Lower-case without diacritics, so "ODPOVĚĎ", "odpoveď" and "odpoved" compare equal. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
