/** Reading the raw MIME into the few facts the pipeline needs. Pure apart from hashing. */
import PostalMime, { type Address, type Email } from "postal-mime";

export type ParsedEmail = Email;

/** Longest Message-ID we key on; longer ones are hashed like a missing one. */
const MAX_MESSAGE_ID = 500;
/** In-Reply-To/References ids looked up for fallback routing; clients repeat at most a thread's recent ids. */
const MAX_REFERENCE_IDS = 20;

/** Headers every real email has at least one of; random bytes parse into "headers" with none of these names. */
const ESSENTIAL_HEADERS = new Set(["from", "sender", "to", "subject", "date", "message-id"]);

/** The parsed email, or null when it is not an email at all (the parser gave up, or no recognisable header). */
export async function parseEmail(raw: Uint8Array): Promise<ParsedEmail | null> {
  try {
    const email = await PostalMime.parse(raw);
    return email.headers.some((h) => ESSENTIAL_HEADERS.has(h.key)) ? email : null;
  } catch {
    return null;
  }
}

/**
 * What makes a delivery the same email again (inbound_log.dedupe_key): its Message-ID, or "sha256:<hex>" of the
 * raw bytes when there is none, plus the envelope recipient — one email written to two conversations (a candidate
 * answering two companies at once) arrives once per recipient, and each copy is its own message.
 */
export async function dedupeKey(email: ParsedEmail, raw: Uint8Array, envelopeTo: string): Promise<string> {
  const messageId = email.messageId?.trim();
  const id = messageId && messageId.length <= MAX_MESSAGE_ID ? messageId : `sha256:${await sha256Hex(raw)}`;
  return `${id} ${bare(envelopeTo)}`;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** "Name <Addr>" or "addr" → "addr", lower-cased and trimmed ("" when there is no address). */
export function bare(address: string | undefined | null): string {
  if (!address) return "";
  const angle = /<([^<>]*)>/.exec(address);
  return (angle?.[1] ?? address).trim().toLowerCase();
}

/** The single From mailbox, lower-cased; null for a missing From, a group or a From without an address. */
export function fromAddress(email: ParsedEmail): string | null {
  const address = email.from && !email.from.group ? bare(email.from.address) : "";
  return address.includes("@") ? address : null;
}

/** Where the email was addressed: envelope first, then Delivered-To, To and Cc (a forwarder may change the envelope). */
export function recipientAddresses(envelopeTo: string, email: ParsedEmail): string[] {
  const headers = [email.deliveredTo, ...flatten(email.to), ...flatten(email.cc)];
  return [envelopeTo, ...headers].map(bare).filter((a, i, all) => a.includes("@") && all.indexOf(a) === i);
}

/** Most addresses kept of who else an email went to: enough for any real reply-all, not a mass mailing's list. */
const MAX_ALSO_SENT_TO = 20;
/** RFC 5321's longest address; anything longer is nobody's mailbox. */
const MAX_ADDRESS = 254;

/**
 * Who else the writer addressed in To and Cc, lower-cased, each once: neither the writer nor anything on our own
 * domains (the routing addresses', our sender's), which only ever reach us, nor the offer's notification
 * addresses (`notified`), which hear of every message anyway. A colleague in Cc is listed: that is news.
 */
export function alsoSentTo(email: ParsedEmail, sender: string, ourDomains: string[], notified: string[] = []): string[] {
  const ours = new Set(ourDomains.map((domain) => domain.toLowerCase()));
  const known = new Set(notified.map((address) => address.toLowerCase()));
  const others = [...flatten(email.to), ...flatten(email.cc)]
    .map(bare)
    .filter((a) => a.includes("@") && a.length <= MAX_ADDRESS && a !== sender && !known.has(a) && !ours.has(a.slice(a.lastIndexOf("@") + 1)));
  return [...new Set(others)].slice(0, MAX_ALSO_SENT_TO);
}

/** Message-IDs named by In-Reply-To and References, newest (In-Reply-To) first. */
export function referencedIds(email: ParsedEmail): string[] {
  const text = `${email.inReplyTo ?? ""} ${email.references ?? ""}`;
  const ids = [...text.matchAll(/<[^<>\s]{1,498}>/g)].map((m) => m[0]);
  return [...new Set(ids)].slice(0, MAX_REFERENCE_IDS);
}

function flatten(addresses: Address[] | undefined): string[] {
  return (addresses ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address]));
}
